package io.pipelinemanager.core.internal.compiler;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The content hash of a program: SHA-256 over the compiler version and the program text, as lowercase hex. */
public final class ProgramHash {

    private ProgramHash() {
    }

    /** The hash of {@code programSql} compiled by compiler {@code compilerVersion}. */
    public static String of(String programSql, String compilerVersion) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] version = compilerVersion.getBytes(StandardCharsets.UTF_8);
            sha.update(intBytes(version.length));
            sha.update(version);
            sha.update(programSql.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private static byte[] intBytes(int n) {
        return new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
    }
}
