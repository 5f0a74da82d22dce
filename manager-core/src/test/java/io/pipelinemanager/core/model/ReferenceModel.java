package io.pipelinemanager.core.model;

import io.pipelinemanager.core.api.DesiredStatus;
import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.PipelineConfig;
import io.pipelinemanager.core.api.PipelineStatus;
import io.pipelinemanager.core.api.ProgramStatus;
import io.pipelinemanager.core.api.Role;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * An in-memory model of the facade's documented behaviour, written independently of the
 * services: plain maps, the rules restated from the API docs. Operations return a summary of the
 * object or the error code the manager must produce, in the order the rules are documented
 * (input validation, existence, expected version, state, uniqueness, references).
 *
 * <p>It also restates the background work: a compiler pass settles every waiting program (the
 * test's programs are of known kinds: {@link #BROKEN} fails to compile, every other one compiles),
 * and a reconciler pass moves each active pipeline one step along the documented lifecycle
 * (STOPPED → PROVISIONING → INITIALIZING → PAUSED/RUNNING; STOPPING → STOPPED; a failed compilation or
 * a failed step → FAILED, left only through STOPPING).
 */
final class ReferenceModel {

    /** A program that does not compile (the view reads a column the table does not have). */
    static final String BROKEN = "CREATE TABLE t (x INT);\nCREATE VIEW v AS SELECT y FROM t;";
    /** A program that compiles but whose view fails at runtime on a row with {@code y = 0}. */
    static final String DIVIDE = "CREATE TABLE t (x INT, y INT);\nCREATE VIEW q AS SELECT x / y AS r FROM t;";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9_-]*[A-Za-z0-9])?");

    /** A model program. */
    static final class P {
        UUID id;
        String name;
        String description;
        String code;
        long version;
        ProgramStatus status = ProgramStatus.PENDING;
    }

    /** A model pipeline. */
    static final class L {
        UUID id;
        String name;
        String description;
        UUID program;
        PipelineConfig config;
        long version;
        DesiredStatus desired = DesiredStatus.STOPPED;
        PipelineStatus status = PipelineStatus.STOPPED;
        Long programVersion;
        ErrorCode error;
        /** Set when a step of its runner failed (the test waited for it); the next pass sees it. */
        boolean runnerFailed;

        boolean fullyStopped() {
            return status == PipelineStatus.STOPPED && desired == DesiredStatus.STOPPED;
        }
    }

    /** Thrown by the model where the manager must fail with {@code code}. */
    static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final ErrorCode code;

        Refusal(ErrorCode code) {
            super(code.name(), null, false, false);
            this.code = code;
        }
    }

    final Map<String, P> programs = new TreeMap<>();
    final Map<String, L> pipelines = new TreeMap<>();

    /**
     * The role rule, restated from the issue: a viewer reads; an editor also creates, updates, deletes,
     * changes the lifecycle and pushes data; an administrator may do all of that. A caller without the
     * role is refused with {@code Forbidden} before anything else is looked at. The model is one tenant's:
     * the test keeps one per tenant, and a reference to another tenant's object finds nothing here.
     *
     * @param change whether the operation changes something (else it reads)
     * @return this model, for the operation
     */
    ReferenceModel as(Set<Role> roles, boolean change) {
        refuseIf(change ? !mayChange(roles) : roles.isEmpty(), ErrorCode.Forbidden);
        return this;
    }

    /** Whether a caller with these roles may change things. */
    static boolean mayChange(Set<Role> roles) {
        return roles.contains(Role.EDITOR) || roles.contains(Role.ADMIN);
    }

    P createProgram(String name, String description, String code) {
        checkName(name);
        checkDescription(description);
        checkCode(code);
        refuseIf(programs.containsKey(name), ErrorCode.DuplicateName);
        P p = new P();
        p.name = name;
        p.description = description == null ? "" : description;
        p.code = code;
        p.version = 1;
        programs.put(name, p);
        return p;
    }

    P updateProgram(String ref, String name, String description, String code, Long expected) {
        if (name != null) {
            checkName(name);
        }
        checkDescription(description);
        if (code != null) {
            checkCode(code);
        }
        P p = program(ref);
        refuseIf(expected != null && expected != p.version, ErrorCode.OutdatedVersion);
        boolean codeChanged = code != null && !code.equals(p.code);
        boolean renamed = name != null && !name.equals(p.name);
        boolean described = description != null && !description.equals(p.description);
        if (!codeChanged && !renamed && !described) {
            return p;
        }
        refuseIf(codeChanged && pipelines.values().stream()
                .anyMatch(l -> l.program.equals(p.id) && !l.fullyStopped()), ErrorCode.UpdateRestrictedToStopped);
        refuseIf(renamed && programs.containsKey(name), ErrorCode.DuplicateName);
        if (renamed) {
            programs.remove(p.name);
            p.name = name;
            programs.put(name, p);
        }
        if (described) {
            p.description = description;
        }
        if (codeChanged) {
            p.code = code;
            p.version++;
            p.status = ProgramStatus.PENDING;
        }
        return p;
    }

    void deleteProgram(String ref) {
        P p = program(ref);
        refuseIf(pipelines.values().stream().anyMatch(l -> l.program.equals(p.id)), ErrorCode.ProgramInUse);
        programs.remove(p.name);
    }

    L createPipeline(String name, String description, String programRef, PipelineConfig config) {
        checkName(name);
        checkDescription(description);
        refuseIf(programRef == null || programRef.isBlank(), ErrorCode.InvalidRequest);
        checkConfig(config);
        refuseIf(pipelines.containsKey(name), ErrorCode.DuplicateName);
        P p = program(programRef);
        L l = new L();
        l.name = name;
        l.description = description == null ? "" : description;
        l.program = p.id;
        l.config = config == null ? PipelineConfig.DEFAULT : config;
        l.version = 1;
        pipelines.put(name, l);
        return l;
    }

    L updatePipeline(String ref, String name, String description, String programRef, PipelineConfig config,
                     Long expected) {
        if (name != null) {
            checkName(name);
        }
        checkDescription(description);
        if (config != null) {
            checkConfig(config);
        }
        refuseIf(programRef != null && programRef.isBlank(), ErrorCode.InvalidRequest);
        L l = pipeline(ref);
        refuseIf(expected != null && expected != l.version, ErrorCode.OutdatedVersion);
        if (name == null && description == null && programRef == null && config == null) {
            return l;
        }
        refuseIf(!l.fullyStopped(), ErrorCode.UpdateRestrictedToStopped);
        refuseIf(name != null && !name.equals(l.name) && pipelines.containsKey(name), ErrorCode.DuplicateName);
        UUID program = programRef == null ? l.program : program(programRef).id;
        if (name != null) {
            pipelines.remove(l.name);
            l.name = name;
            pipelines.put(name, l);
        }
        if (description != null) {
            l.description = description;
        }
        if (config != null) {
            l.config = config;
        }
        l.program = program;
        l.version++;
        return l;
    }

    void deletePipeline(String ref) {
        L l = pipeline(ref);
        refuseIf(!l.fullyStopped(), ErrorCode.UpdateRestrictedToStopped);
        pipelines.remove(l.name);
    }

    /**
     * A shutdown is always accepted; a start or pause is refused while the pipeline is FAILED (shut it
     * down first) or STOPPING, and while a shutdown is still under way (desired STOPPED, not yet stopped).
     */
    L request(String ref, DesiredStatus desired) {
        L l = pipeline(ref);
        if (desired != DesiredStatus.STOPPED) {
            refuseIf(l.status == PipelineStatus.FAILED || l.status == PipelineStatus.STOPPING, ErrorCode.IllegalTransition);
            refuseIf(l.desired == DesiredStatus.STOPPED && l.status != PipelineStatus.STOPPED, ErrorCode.IllegalTransition);
        }
        l.desired = desired;
        return l;
    }

    /** One compiler pass: every waiting program gets its result. */
    void compilerPass() {
        for (P p : programs.values()) {
            if (p.status == ProgramStatus.PENDING) {
                p.status = BROKEN.equals(p.code) ? ProgramStatus.SQL_ERROR : ProgramStatus.SUCCESS;
            }
        }
    }

    /** One reconciler pass: every pipeline that is not fully stopped moves at most one step. */
    void reconcilerPass() {
        for (L l : pipelines.values()) {
            boolean stop = l.desired == DesiredStatus.STOPPED;
            P program = programs.values().stream().filter(p -> p.id.equals(l.program)).findFirst().orElseThrow();
            switch (l.status) {
                case STOPPED -> {
                    if (!stop) {
                        move(l, PipelineStatus.PROVISIONING, program.version, null);
                    }
                }
                case PROVISIONING -> {
                    if (stop) {
                        move(l, PipelineStatus.STOPPING, l.programVersion, null);
                    } else if (program.status == ProgramStatus.SUCCESS) {
                        move(l, PipelineStatus.INITIALIZING, program.version, null);
                    } else if (program.status == ProgramStatus.SQL_ERROR) {
                        move(l, PipelineStatus.FAILED, program.version, ErrorCode.CannotStartWithCompilationError);
                    }
                }
                case INITIALIZING -> {
                    // The compiler pass already compiled the program: the start finds it at once.
                    if (stop) {
                        move(l, PipelineStatus.STOPPING, l.programVersion, null);
                    } else {
                        move(l, l.desired == DesiredStatus.RUNNING ? PipelineStatus.RUNNING : PipelineStatus.PAUSED,
                                l.programVersion, null);
                    }
                }
                case PAUSED, RUNNING -> {
                    if (l.runnerFailed) {
                        l.runnerFailed = false;
                        move(l, PipelineStatus.FAILED, l.programVersion, ErrorCode.RuntimeError);
                    } else if (stop) {
                        move(l, PipelineStatus.STOPPING, l.programVersion, null);
                    } else if (l.desired == DesiredStatus.RUNNING) {
                        move(l, PipelineStatus.RUNNING, l.programVersion, null);
                    } else {
                        move(l, PipelineStatus.PAUSED, l.programVersion, null);
                    }
                }
                case STOPPING -> move(l, PipelineStatus.STOPPED, l.programVersion, null);
                case FAILED -> {
                    if (stop) {
                        move(l, PipelineStatus.STOPPING, l.programVersion, null);
                    }
                }
            }
        }
    }

    private static void move(L l, PipelineStatus next, Long programVersion, ErrorCode error) {
        l.status = next;
        l.programVersion = programVersion;
        l.error = error;
    }

    /**
     * Ingress of one record: the pipeline must be running or paused (with a healthy runner) and the
     * table one of its program's. Returns the table written to.
     */
    String ingress(String ref) {
        L l = pipeline(ref);
        refuseIf(l.status != PipelineStatus.RUNNING && l.status != PipelineStatus.PAUSED || l.runnerFailed,
                ErrorCode.PipelineNotRunning);
        return table(programs.values().stream().filter(p -> p.id.equals(l.program)).findFirst().orElseThrow().code);
    }

    /** The table of one of the test's programs. */
    static String table(String code) {
        return code.substring("CREATE TABLE ".length(), code.indexOf(' ', "CREATE TABLE ".length()));
    }

    P program(String ref) {
        return programs.values().stream().filter(p -> matches(ref, p.id, p.name)).findFirst()
                .orElseThrow(() -> new Refusal(ErrorCode.UnknownProgram));
    }

    L pipeline(String ref) {
        return pipelines.values().stream().filter(l -> matches(ref, l.id, l.name)).findFirst()
                .orElseThrow(() -> new Refusal(ErrorCode.UnknownPipeline));
    }

    String programName(UUID id) {
        return programs.values().stream().filter(p -> p.id.equals(id)).map(p -> p.name).findFirst().orElse("?");
    }

    List<String> programNames() {
        return new ArrayList<>(programs.keySet());
    }

    List<String> pipelineNames() {
        return new ArrayList<>(pipelines.keySet());
    }

    private static boolean matches(String ref, UUID id, String name) {
        return Objects.equals(ref, name) || Objects.equals(ref, String.valueOf(id));
    }

    private static void checkName(String name) {
        boolean valid = name != null && name.length() <= 63 && NAME.matcher(name).matches();
        if (valid) {
            try {
                UUID.fromString(name);
                valid = name.length() != 36;
            } catch (IllegalArgumentException notAUuid) {
                // a name, as required
            }
        }
        refuseIf(!valid, ErrorCode.InvalidName);
    }

    private static void checkDescription(String description) {
        refuseIf(description != null && description.length() > 1000, ErrorCode.InvalidDescription);
    }

    private static void checkCode(String code) {
        refuseIf(code == null, ErrorCode.InvalidRequest);
        refuseIf(code.getBytes(StandardCharsets.UTF_8).length > 1 << 20, ErrorCode.CodeTooLarge);
    }

    private static void checkConfig(PipelineConfig c) {
        if (c == null) {
            return;
        }
        boolean valid = c.workers() == 1
                && c.maxBatchRecords() >= 1 && c.maxBatchRecords() <= 10_000_000
                && c.maxBatchDelayMillis() >= 0 && c.maxBatchDelayMillis() <= 60_000
                && c.maxBufferedRecords() >= c.maxBatchRecords() && c.maxBufferedRecords() <= 100_000_000;
        refuseIf(!valid, ErrorCode.InvalidConfig);
    }

    private static void refuseIf(boolean condition, ErrorCode code) {
        if (condition) {
            throw new Refusal(code);
        }
    }
}
