package io.pipelinemanager.core.api;

/**
 * A partial update of a program: null fields stay unchanged. A changed {@code code} bumps the
 * program's {@code version} and returns it to {@link ProgramStatus#PENDING}. When
 * {@code expectedVersion} is set, the update is refused with {@code OutdatedVersion} unless the
 * program is still at that version.
 */
public record ProgramUpdate(String name, String description, String code, Long expectedVersion) {

    /** An update that changes only the code. */
    public static ProgramUpdate code(String code) {
        return new ProgramUpdate(null, null, code, null);
    }

    /** Whether this update changes nothing. */
    public boolean isEmpty() {
        return name == null && description == null && code == null;
    }
}
