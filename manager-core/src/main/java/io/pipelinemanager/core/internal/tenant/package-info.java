/**
 * Tenants: the directory that turns a caller's tenant name into the tenant's id, creating the tenant
 * on its first authenticated use, and the rule a tenant name must follow.
 */
package io.pipelinemanager.core.internal.tenant;
