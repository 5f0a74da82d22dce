package io.pipelinemanager.core.model;

import io.pipelinemanager.core.api.DesiredStatus;
import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.PipelineConfig;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * An in-memory model of the facade's documented behaviour, written independently of the
 * services: plain maps, the rules restated from the API docs. Operations return a summary of the
 * object or the error code the manager must produce, in the order the rules are documented
 * (input validation, existence, expected version, state, uniqueness, references).
 */
final class ReferenceModel {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9_-]*[A-Za-z0-9])?");

    /** A model program. */
    static final class P {
        UUID id;
        String name;
        String description;
        String code;
        long version;
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
                .anyMatch(l -> l.program.equals(p.id) && l.desired != DesiredStatus.STOPPED), ErrorCode.UpdateRestrictedToStopped);
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
        refuseIf(l.desired != DesiredStatus.STOPPED, ErrorCode.UpdateRestrictedToStopped);
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
        refuseIf(l.desired != DesiredStatus.STOPPED, ErrorCode.UpdateRestrictedToStopped);
        pipelines.remove(l.name);
    }

    /** Without a reconciler every pipeline stays STOPPED, where each request is allowed. */
    L request(String ref, DesiredStatus desired) {
        L l = pipeline(ref);
        l.desired = desired;
        return l;
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
        boolean valid = c.workers() >= 1 && c.workers() <= 64
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
