package io.pipelinemanager.war.security;

import com.nimbusds.jwt.JWTClaimsSet;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A token verified by {@link OidcJwtVerifier}, seen through MicroProfile JWT's {@link JsonWebToken}:
 * the name is {@code upn}, else {@code preferred_username}, else {@code sub}; times are epoch seconds;
 * {@code aud} and {@code groups} are sets of strings (a single string is a set of one); custom claims
 * keep their JSON types (strings as {@link String}).
 */
final class VerifiedJwt implements JsonWebToken {

    private final String raw;
    private final JWTClaimsSet claims;

    VerifiedJwt(String raw, JWTClaimsSet claims) {
        this.raw = raw;
        this.claims = claims;
    }

    @Override
    public String getName() {
        for (String claim : List.of(Claims.upn.name(), Claims.preferred_username.name(), Claims.sub.name())) {
            Object value = claims.getClaim(claim);
            if (value instanceof String text && !text.isBlank()) {
                return text;
            }
        }
        return null;
    }

    @Override
    public Set<String> getClaimNames() {
        Set<String> names = new LinkedHashSet<>(claims.getClaims().keySet());
        names.add(Claims.raw_token.name());
        return names;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String name) {
        if (Claims.raw_token.name().equals(name)) {
            return (T) raw;
        }
        Object value = claims.getClaim(name);
        if (value instanceof Date date) {
            return (T) Long.valueOf(date.toInstant().getEpochSecond());
        }
        if (Claims.aud.name().equals(name) || Claims.groups.name().equals(name)) {
            return value == null ? null : (T) strings(value);
        }
        return (T) value;
    }

    @Override
    public Set<String> getGroups() {
        Set<String> groups = getClaim(Claims.groups.name());
        return groups == null ? Set.of() : groups;
    }

    private static Set<String> strings(Object value) {
        Set<String> out = new LinkedHashSet<>();
        if (value instanceof Collection<?> items) {
            items.forEach(item -> out.add(String.valueOf(item)));
        } else {
            out.add(String.valueOf(value));
        }
        return Set.copyOf(out);
    }

    @Override
    public String toString() {
        return "VerifiedJwt[" + getName() + ", iss=" + claims.getIssuer() + "]";
    }
}
