package io.pipelinemanager.war;

import io.pipelinemanager.war.security.ApiOperations;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Documents what every operation can answer besides its own results, so that the annotations need
 * not repeat it: {@code 400} where the operation has parameters (an id or query value can be
 * malformed, e.g. contain NUL), {@code 406} everywhere, {@code 415} where it reads a body or changes
 * state (simple content types without an {@code Authorization} header), and the security of each
 * operation: {@code 401} and {@code 403} plus the role it needs ({@code x-required-role} and a
 * sentence in its description, from {@link ApiOperations}), or no security at all for the public
 * ones. Registered with {@code mp.openapi.filter} in {@code META-INF/microprofile-config.properties}.
 */
public class ProtocolErrorsFilter implements OASFilter {

    /** The extension naming the role an operation needs ({@code viewer}, {@code editor}, {@code admin}, {@code none}). */
    public static final String REQUIRED_ROLE = "x-required-role";

    private static final Set<PathItem.HttpMethod> STATE_CHANGING = Set.of(PathItem.HttpMethod.POST,
            PathItem.HttpMethod.PUT, PathItem.HttpMethod.PATCH, PathItem.HttpMethod.DELETE);

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.getOperations().entrySet()) {
                Operation operation = entry.getValue();
                APIResponses responses = operation.getResponses();
                if (responses == null) {
                    continue;
                }
                boolean hasParameters = operation.getParameters() != null && !operation.getParameters().isEmpty();
                if (hasParameters) {
                    addIfMissing(responses, "400", RestApplication.BAD_REQUEST);
                }
                addIfMissing(responses, "406", RestApplication.NOT_ACCEPTABLE);
                if (operation.getRequestBody() != null || STATE_CHANGING.contains(entry.getKey())) {
                    addIfMissing(responses, "415", RestApplication.UNSUPPORTED_MEDIA_TYPE);
                }
                security(operation, responses);
            }
        }
    }

    private static void security(Operation operation, APIResponses responses) {
        String role = ApiOperations.requiredRole(operation.getOperationId());
        operation.addExtension(REQUIRED_ROLE, role);
        if (ApiOperations.PUBLIC.equals(role)) {
            operation.setSecurity(List.of()); // overrides the document's requirement: no credentials needed
            return;
        }
        addIfMissing(responses, "401", RestApplication.UNAUTHENTICATED);
        addIfMissing(responses, "403", RestApplication.FORBIDDEN);
        String performs = ApiOperations.performs(operation.getOperationId())
                .map(o -> " Audit log action: " + o.wireName() + ".").orElse("");
        String sentence = (ApiOperations.ANY_ROLE.equals(role)
                ? "Needs authentication (any role, or none)."
                : "Needs the " + role + " role or a higher one (x-required-role).") + performs;
        String description = operation.getDescription();
        operation.setDescription(description == null || description.isBlank() ? sentence : description + " " + sentence);
    }

    private static void addIfMissing(APIResponses responses, String status, String component) {
        if (!responses.hasAPIResponse(status)) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().ref(component));
        }
    }
}
