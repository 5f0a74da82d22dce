package io.pipelinemanager.war.security;

import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Map;
import java.util.Set;

/**
 * Verified tokens as a {@link JwtVerifier} answers them: a {@link JsonWebToken} with the raw token and
 * its claims (custom string claims as JSON strings, as MicroProfile JWT implementations may answer them).
 */
final class TestTokens {

    private TestTokens() {
    }

    /** A verified token with {@code raw} text, name, tenant claim {@code org} and groups. */
    static JsonWebToken token(String raw, String name, String tenant, Set<String> groups) {
        Map<String, Object> claims = tenant == null
                ? Map.of("upn", name, "groups", groups, "raw_token", raw)
                : Map.of("upn", name, "groups", groups, "raw_token", raw, "org", jsonString(tenant));
        return new JsonWebToken() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public Set<String> getClaimNames() {
                return claims.keySet();
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String claimName) {
                return (T) claims.get(claimName);
            }
        };
    }

    /** A JSON string value, as MP JWT answers custom string claims. */
    static JsonString jsonString(String text) {
        return new JsonString() {
            @Override
            public String getString() {
                return text;
            }

            @Override
            public CharSequence getChars() {
                return text;
            }

            @Override
            public ValueType getValueType() {
                return ValueType.STRING;
            }

            @Override
            public String toString() {
                return '"' + text + '"';
            }
        };
    }
}
