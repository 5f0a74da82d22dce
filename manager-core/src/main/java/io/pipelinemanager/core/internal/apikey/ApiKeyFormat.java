package io.pipelinemanager.core.internal.apikey;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of an API key: {@code pm_<lookup-id>_<secret>}, 63 characters.
 * <ul>
 *   <li>{@code pm_} marks it as a Pipeline Manager key (secret scanners can match on it);</li>
 *   <li>the lookup id, {@value #LOOKUP_LENGTH} characters of {@code [A-Za-z0-9]} (about 95 bits), finds the
 *       key's row; it is not secret (an administrator sees it as the key's prefix);</li>
 *   <li>the secret, {@value #SECRET_LENGTH} characters of {@code [A-Za-z0-9]} (62<sup>43</sup> &gt;
 *       2<sup>256</sup>: 256 bits), is the credential.</li>
 * </ul>
 * Every character is drawn uniformly from the 62-letter alphabet with {@link SecureRandom}; {@code _} cannot
 * occur inside either part, so the key splits unambiguously and is one word for double-click selection.
 */
public final class ApiKeyFormat {

    /** Start of every key. */
    public static final String PREFIX = "pm_";
    /** Characters of the lookup id. */
    public static final int LOOKUP_LENGTH = 16;
    /** Characters of the secret. */
    public static final int SECRET_LENGTH = 43;
    /** Characters of a whole key. */
    public static final int KEY_LENGTH = PREFIX.length() + LOOKUP_LENGTH + 1 + SECRET_LENGTH;

    static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private static final Pattern KEY = Pattern.compile(
            "pm_([A-Za-z0-9]{" + LOOKUP_LENGTH + "})_[A-Za-z0-9]{" + SECRET_LENGTH + "}");
    private static final Pattern LOOKUP = Pattern.compile("[A-Za-z0-9]{" + LOOKUP_LENGTH + "}");

    private ApiKeyFormat() {
    }

    /** A new key: its lookup id and its whole text. */
    public record NewKey(String lookupId, String text) {
        @Override
        public String toString() {
            return "NewKey[" + PREFIX + lookupId + "_...]";
        }
    }

    /** A fresh random key. */
    public static NewKey generate(SecureRandom random) {
        String lookupId = randomText(random, LOOKUP_LENGTH);
        return new NewKey(lookupId, PREFIX + lookupId + "_" + randomText(random, SECRET_LENGTH));
    }

    /** The lookup id of a well-formed key; empty for anything else (checked by length before any pattern). */
    public static Optional<String> lookupId(String presented) {
        if (presented == null || presented.length() != KEY_LENGTH) {
            return Optional.empty();
        }
        Matcher m = KEY.matcher(presented);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** Whether the text has the form of a lookup id. */
    public static boolean isLookupId(String text) {
        return text != null && LOOKUP.matcher(text).matches();
    }

    /** The public start of a key with that lookup id, {@code pm_<lookup-id>}. */
    public static String prefix(String lookupId) {
        return PREFIX + lookupId;
    }

    private static String randomText(SecureRandom random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            // nextInt(bound) is uniform (it rejects the biased tail), unlike a byte taken modulo 62.
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }
}
