package io.pipelinemanager.embedded.cli;

import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.core.api.ApiKeySpec;
import io.pipelinemanager.core.api.Caller;
import io.pipelinemanager.core.api.CreatedApiKey;
import io.pipelinemanager.core.api.ManagerException;
import io.pipelinemanager.core.api.Role;

import java.io.PrintWriter;

/**
 * {@code --create-api-key NAME --role ROLE [--tenant TENANT]}: the first key of a tenant, made without a caller
 * through the manager's bootstrap method on the configured database (migrated first, no background work). The
 * secret goes alone to standard output — {@code KEY=$(java -jar … --create-api-key ci --role admin)} — and is
 * never shown again; what was created goes to standard error.
 */
final class ApiKeys {

    private ApiKeys() {
    }

    static int create(Settings settings, String name, Role role, String tenant, PrintWriter out, PrintWriter err) {
        String tenantName = tenant == null ? Caller.DEFAULT_TENANT : tenant;
        Failures.probe(settings.builder());
        CreatedApiKey created;
        try (PipelineManager manager = Failures.translate(() -> settings.builder().backgroundWork(false).build(),
                ExitCodes.DATABASE_UNREACHABLE)) {
            created = manager.bootstrapApiKey(tenantName, new ApiKeySpec(name, role, null));
        } catch (ManagerException e) {
            throw Failures.operatorError(e, ExitCodes.DATABASE_UNREACHABLE);
        }
        err.println("Created API key " + created.key().name() + " (" + created.key().prefix() + ", role "
                + created.key().role() + ", tenant " + tenantName + "); send it as 'Authorization: Bearer <key>'. "
                + "This is the only time it is shown:");
        err.flush();
        out.println(created.secret());
        out.flush();
        return ExitCodes.OK;
    }
}
