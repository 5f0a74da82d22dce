package io.pipelinemanager.embedded.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Name, version, git commit and build time of this build, written into {@code build.properties} by Maven's
 * resource filtering. A value the build could not fill in (no git checkout) is reported as {@code unknown}.
 */
record BuildInfo(String name, String version, String commit, String commitTime, String buildTime) {

    static final String UNKNOWN = "unknown";

    static BuildInfo load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String commit = value(p, "git.commit");
        if (!commit.equals(UNKNOWN) && value(p, "git.dirty").equals("true")) {
            commit += " (with uncommitted changes)";
        }
        return new BuildInfo(value(p, "name"), value(p, "version"), commit, value(p, "git.commit.time"),
                value(p, "build.time"));
    }

    private static String value(Properties p, String key) {
        String value = p.getProperty(key, "").trim();
        return value.isEmpty() || value.startsWith("${") ? UNKNOWN : value;
    }

    /** One line for {@code --version}. */
    String versionLine() {
        return name + " " + version + " (commit " + commit + ", built " + buildTime + ")";
    }

    /** The lines of {@code --print-banner} and of the server's first output. */
    String banner() {
        return name + " " + version + System.lineSeparator()
                + "  git commit  " + commit + (commitTime.equals(UNKNOWN) ? "" : " of " + commitTime) + System.lineSeparator()
                + "  built       " + buildTime + System.lineSeparator()
                + "  java        " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")";
    }
}
