package io.pipelinemanager.embedded.cli;

import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.core.api.AuthMethod;
import io.pipelinemanager.core.api.Caller;
import io.pipelinemanager.core.api.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --create-api-key}: the first key of a tenant, made without a caller; the secret is printed once and works. */
class CreateApiKeyTest {

    @TempDir
    Path dir;

    @Test
    void printsOnlyTheSecretOnStandardOutputAndTheKeyAuthenticatesAsItsTenantsRole() {
        String url = CliRun.h2Url(dir);
        CliRun run = CliRun.run("--create-api-key", "ci", "--role", "editor", "--tenant", "acme", "--db-url", url);
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines()).hasSize(1);
        String secret = run.out().strip();
        assertThat(secret).startsWith("pm_");
        assertThat(run.err()).contains("Created API key ci", "role EDITOR", "tenant acme", "only time");

        try (PipelineManager manager = PipelineManager.builder().databaseUrl(url).backgroundWork(false).build()) {
            Caller caller = manager.authenticate(secret, null, null);
            assertThat(caller.tenant()).isEqualTo("acme");
            assertThat(caller.roles()).contains(Role.EDITOR);
            assertThat(caller.authMethod()).isEqualTo(AuthMethod.API_KEY);
            assertThat(manager.listApiKeys(Caller.host("acme", "test", Role.ADMIN)))
                    .singleElement().satisfies(k -> assertThat(k.createdBy()).isEqualTo("bootstrap"));
        }
    }

    @Test
    void theDefaultTenantIsTheDefault() {
        CliRun run = CliRun.run("--create-api-key", "admin", "--role", "ADMIN", "--db-url", CliRun.h2Url(dir));
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).contains("tenant " + Caller.DEFAULT_TENANT);
    }

    @Test
    void aTakenNameOrABadTenantIsRefusedAndAMissingRoleIsAUsageError() {
        String url = CliRun.h2Url(dir);
        assertThat(CliRun.run("--create-api-key", "ci", "--role", "viewer", "--db-url", url).exitCode()).isZero();
        CliRun again = CliRun.run("--create-api-key", "ci", "--role", "viewer", "--db-url", url);
        assertThat(again.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(again.err()).startsWith("DuplicateName: ");
        assertThat(again.err().lines()).hasSize(1);
        assertThat(again.out()).isEmpty();

        CliRun badTenant = CliRun.run("--create-api-key", "ci", "--role", "viewer", "--tenant", "no such tenant!", "--db-url", url);
        assertThat(badTenant.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(badTenant.out()).isEmpty();

        CliRun noRole = CliRun.run("--create-api-key", "ci", "--db-url", url);
        assertThat(noRole.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noRole.err()).contains("--create-api-key needs --role");
        assertThat(CliRun.run("--role", "admin").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(CliRun.run("--create-api-key", "ci", "--role", "owner").err()).contains("owner");
    }

    @Test
    void anUnreachableDatabaseIsItsExitCode() {
        CliRun run = CliRun.run("--create-api-key", "ci", "--role", "admin", "--db-url", CliRun.missingH2Url(dir));
        assertThat(run.exitCode()).isEqualTo(ExitCodes.DATABASE_UNREACHABLE);
        assertThat(run.out()).isEmpty();
    }
}
