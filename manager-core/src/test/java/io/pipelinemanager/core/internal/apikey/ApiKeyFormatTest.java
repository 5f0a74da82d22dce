package io.pipelinemanager.core.internal.apikey;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyFormatTest {

    private final SecureRandom random = new SecureRandom();

    @Test
    void aKeyIsPmLookupIdAndSecretOfTheDocumentedLengths() {
        ApiKeyFormat.NewKey key = ApiKeyFormat.generate(random);

        assertThat(key.text()).matches("pm_[A-Za-z0-9]{16}_[A-Za-z0-9]{43}").hasSize(63);
        assertThat(key.text()).startsWith("pm_" + key.lookupId() + "_");
        assertThat(ApiKeyFormat.lookupId(key.text())).contains(key.lookupId());
        assertThat(key.toString()).doesNotContain(key.text().substring(20));
    }

    @Test
    void theSecretCarriesAtLeast256Bits() {
        assertThat(ApiKeyFormat.SECRET_LENGTH * Math.log(ApiKeyFormat.ALPHABET.length()) / Math.log(2))
                .isGreaterThanOrEqualTo(256.0);
        assertThat(ApiKeyFormat.ALPHABET.chars().distinct().count()).isEqualTo(62);
    }

    @Test
    void keysAreDistinctAndEveryCharacterIsAboutEquallyLikely() {
        int keys = 5000;
        Set<String> lookupIds = new HashSet<>();
        Set<String> texts = new HashSet<>();
        Map<Character, Integer> counts = new HashMap<>();
        int characters = 0;
        for (int i = 0; i < keys; i++) {
            ApiKeyFormat.NewKey key = ApiKeyFormat.generate(random);
            lookupIds.add(key.lookupId());
            texts.add(key.text());
            String secret = key.text().substring(ApiKeyFormat.KEY_LENGTH - ApiKeyFormat.SECRET_LENGTH);
            for (char c : secret.toCharArray()) {
                counts.merge(c, 1, Integer::sum);
                characters++;
            }
        }
        assertThat(lookupIds).hasSize(keys);
        assertThat(texts).hasSize(keys);
        // Chi-square over the 62 letters (61 degrees of freedom): a uniform source stays far below 120
        // (p < 1e-5 of exceeding it); a biased one (e.g. a byte modulo 62, or a missing letter) does not.
        assertThat(counts).hasSize(62);
        double expected = characters / 62.0;
        double chiSquare = counts.values().stream().mapToDouble(n -> (n - expected) * (n - expected) / expected).sum();
        assertThat(chiSquare).isLessThan(120.0);
    }

    @Test
    void anythingButAWellFormedKeyHasNoLookupId() {
        String good = ApiKeyFormat.generate(random).text();
        assertThat(ApiKeyFormat.lookupId(null)).isEmpty();
        assertThat(ApiKeyFormat.lookupId("")).isEmpty();
        assertThat(ApiKeyFormat.lookupId(good + "x")).isEmpty();
        assertThat(ApiKeyFormat.lookupId(good.substring(1))).isEmpty();
        assertThat(ApiKeyFormat.lookupId("PM" + good.substring(2))).isEmpty();
        assertThat(ApiKeyFormat.lookupId(good.replace('_', '-'))).isEmpty();
        assertThat(ApiKeyFormat.lookupId(good.substring(0, 62) + "!")).isEmpty();
        assertThat(ApiKeyFormat.lookupId("Bearer " + good)).isEmpty();
        assertThat(ApiKeyFormat.lookupId("pm_" + "a".repeat(20) + "_" + "b".repeat(39))).isEmpty();
    }
}
