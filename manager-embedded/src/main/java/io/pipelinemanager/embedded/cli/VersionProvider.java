package io.pipelinemanager.embedded.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code --version}: one line from the build's {@link BuildInfo}. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {BuildInfo.load().versionLine()};
    }
}
