package io.pipelinemanager.war;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Documents the protocol errors every operation can answer, so that the annotations need not repeat
 * them: {@code 400} where the operation has parameters (an id or query value can be malformed, e.g.
 * contain NUL), {@code 406} everywhere, and {@code 415} where it reads a body. Registered with
 * {@code mp.openapi.filter} in {@code META-INF/microprofile-config.properties}.
 */
public class ProtocolErrorsFilter implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : item.getOperations().values()) {
                APIResponses responses = operation.getResponses();
                if (responses == null) {
                    continue;
                }
                boolean hasParameters = operation.getParameters() != null && !operation.getParameters().isEmpty();
                if (hasParameters) {
                    addIfMissing(responses, "400", RestApplication.BAD_REQUEST);
                }
                addIfMissing(responses, "406", RestApplication.NOT_ACCEPTABLE);
                if (operation.getRequestBody() != null) {
                    addIfMissing(responses, "415", RestApplication.UNSUPPORTED_MEDIA_TYPE);
                }
            }
        }
    }

    private static void addIfMissing(APIResponses responses, String status, String component) {
        if (!responses.hasAPIResponse(status)) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().ref(component));
        }
    }
}
