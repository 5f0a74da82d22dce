package io.pipelinemanager.core.internal.apikey;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Argon2idHasherTest {

    /** A cheap cost for tests: the algorithm is the same, the parameters travel in the hash. */
    private static final Argon2idHasher.Cost CHEAP = new Argon2idHasher.Cost(1024, 1, 1);

    private final Argon2idHasher hasher = new Argon2idHasher(CHEAP, new SecureRandom(), 2);

    @Test
    void verifiesTheReferenceImplementationsArgon2idVector() {
        // From the reference implementation's tests (phc-winner-argon2): "password", salt "somesalt", m=64 MiB, t=2, p=1.
        String reference = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";

        assertThat(hasher.verify("password", reference)).isTrue();
        assertThat(hasher.verify("Password", reference)).isFalse();
    }

    @Test
    void aHashIsAPhcStringWithItsParametersAndAFreshSalt() {
        String first = hasher.hash("pm_secret");
        String second = hasher.hash("pm_secret");

        assertThat(first).matches("\\$argon2id\\$v=19\\$m=1024,t=1,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(first).isNotEqualTo(second).doesNotContain("pm_secret");
        assertThat(Argon2idHasher.costOf(first)).contains(CHEAP);
        assertThat(hasher.verify("pm_secret", first)).isTrue();
        assertThat(hasher.verify("pm_secret", second)).isTrue();
    }

    @Test
    void aWrongSecretOrATamperedHashDoesNotVerify() {
        String hash = hasher.hash("right");

        assertThat(hasher.verify("wrong", hash)).isFalse();
        assertThat(hasher.verify("righ", hash)).isFalse();
        String tampered = hash.substring(0, hash.length() - 2) + (hash.endsWith("AA") ? "BB" : "AA");
        assertThat(hasher.verify("right", tampered)).isFalse();
        assertThat(hasher.verify("right", hash.replace("t=1", "t=2"))).isFalse();
    }

    @Test
    void whatIsNotAHashOfOursVerifiesNothing() {
        assertThat(hasher.verify("x", null)).isFalse();
        assertThat(hasher.verify("x", "")).isFalse();
        assertThat(hasher.verify("x", "$argon2i$v=19$m=1024,t=1,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc")).isFalse();
        assertThat(hasher.verify("x", "$argon2id$v=16$m=1024,t=1,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc")).isFalse();
        // Parameters beyond the bounds are refused without being computed (a gigabyte, minutes).
        assertThat(hasher.verify("x", "$argon2id$v=19$m=99999999,t=1,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc")).isFalse();
        assertThat(hasher.verify("x", "$argon2id$v=19$m=1024,t=999,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc")).isFalse();
        assertThatThrownBy(() -> new Argon2idHasher.Cost(4, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
