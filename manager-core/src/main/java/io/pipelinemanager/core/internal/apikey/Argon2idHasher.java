package io.pipelinemanager.core.internal.apikey;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.bouncycastle.util.Arrays;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Argon2id hashes of API keys with BouncyCastle's {@link Argon2BytesGenerator}, encoded in the PHC string format
 * {@code $argon2id$v=19$m=<KiB>,t=<iterations>,p=<lanes>$<salt>$<hash>} (standard Base64 without padding), so
 * every hash carries the parameters and salt it was made with and the cost can be raised later without breaking
 * stored keys. Comparison is constant-time.
 *
 * <p>Each hash needs {@code memoryKiB} of memory while it runs, so at most {@code maxConcurrent} run at once
 * (they are CPU-bound: more at once would not finish sooner) — a flood of wrong keys then queues instead of
 * exhausting the heap.
 */
public final class Argon2idHasher {

    /** Bytes of random salt per hash. */
    public static final int SALT_BYTES = 16;
    /** Bytes of hash output. */
    public static final int HASH_BYTES = 32;

    /**
     * The cost of new hashes: 19 MiB of memory, 2 passes, 1 lane — OWASP's first recommended argon2id
     * setting; about 30 ms on one core of the machine this was measured on (see the README's security section).
     */
    public static final Cost DEFAULT_COST = new Cost(19 * 1024, 2, 1);

    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,8}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{11,88})\\$([A-Za-z0-9+/]{22,88})");
    /** Refuse stored parameters beyond these (a hash we did not make must not cost a gigabyte or minutes). */
    private static final int MAX_MEMORY_KIB = 1 << 20;
    private static final int MAX_ITERATIONS = 64;
    private static final int MAX_PARALLELISM = 16;

    private final Cost cost;
    private final SecureRandom random;
    private final Semaphore running;

    /**
     * @param cost          the parameters of new hashes
     * @param random        the source of salts
     * @param maxConcurrent most hashes computed at once
     */
    public Argon2idHasher(Cost cost, SecureRandom random, int maxConcurrent) {
        this.cost = Objects.requireNonNull(cost, "cost");
        this.random = Objects.requireNonNull(random, "random");
        this.running = new Semaphore(Math.max(1, maxConcurrent), true);
    }

    /** Argon2id parameters: memory in KiB, passes over it, lanes. */
    public record Cost(int memoryKiB, int iterations, int parallelism) {
        public Cost {
            if (parallelism < 1 || parallelism > MAX_PARALLELISM || iterations < 1 || iterations > MAX_ITERATIONS
                    || memoryKiB < 8 * parallelism || memoryKiB > MAX_MEMORY_KIB) {
                throw new IllegalArgumentException("argon2id parameters out of range: m=" + memoryKiB + ", t="
                        + iterations + ", p=" + parallelism);
            }
        }
    }

    /** The parameters of new hashes. */
    public Cost cost() {
        return cost;
    }

    /** A new hash of {@code secret} with a fresh random salt, as a PHC string. */
    public String hash(String secret) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = compute(secret, salt, cost, HASH_BYTES);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=" + cost.memoryKiB() + ",t=" + cost.iterations() + ",p=" + cost.parallelism()
                + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    /**
     * Whether {@code secret} is what {@code encoded} (a PHC string made by {@link #hash}) was made from. A string
     * that is not such a hash matches nothing.
     */
    public boolean verify(String secret, String encoded) {
        Optional<Parsed> parsed = parse(encoded);
        if (parsed.isEmpty()) {
            return false;
        }
        Parsed p = parsed.get();
        byte[] actual = compute(secret, p.salt(), p.cost(), p.hash().length);
        return Arrays.constantTimeAreEqual(actual, p.hash());
    }

    /** The parameters a stored hash was made with, when it is one this class can verify. */
    public static Optional<Cost> costOf(String encoded) {
        return parse(encoded).map(Parsed::cost);
    }

    private record Parsed(Cost cost, byte[] salt, byte[] hash) {
    }

    private static Optional<Parsed> parse(String encoded) {
        Matcher m = encoded == null ? null : PHC.matcher(encoded);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        try {
            Cost cost = new Cost(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            Base64.Decoder b64 = Base64.getDecoder();
            byte[] salt = b64.decode(m.group(4));
            byte[] hash = b64.decode(m.group(5));
            if (salt.length < 8 || hash.length < 16) {
                return Optional.empty();
            }
            return Optional.of(new Parsed(cost, salt, hash));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] compute(String secret, byte[] salt, Cost cost, int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(cost.memoryKiB())
                .withIterations(cost.iterations())
                .withParallelism(cost.parallelism())
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        byte[] password = secret.getBytes(StandardCharsets.UTF_8);
        running.acquireUninterruptibly();
        try {
            generator.generateBytes(password, out);
        } finally {
            running.release();
            Arrays.fill(password, (byte) 0);
        }
        return out;
    }
}
