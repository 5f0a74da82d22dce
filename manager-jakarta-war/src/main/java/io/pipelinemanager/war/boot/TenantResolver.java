package io.pipelinemanager.war.boot;

import io.pipelinemanager.core.api.TenantId;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Decides which tenant a request acts for. Until authentication exists every request belongs to
 * {@link TenantId#DEFAULT}; a JWT or API-key filter will resolve it from the caller here.
 */
@ApplicationScoped
public class TenantResolver {

    /** The tenant of the current request. */
    public TenantId current() {
        return TenantId.DEFAULT;
    }
}
