package io.pipelinemanager.war.security;

import io.pipelinemanager.core.api.AuthMode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OpenAccessWarningTest {

    @Test
    void loopbackAddressesAreRecognisedWithoutNameLookups() {
        for (String loopback : List.of("127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost", "0:0:0:0:0:0:0:1")) {
            assertThat(OpenAccessWarning.isLoopback(loopback)).as(loopback).isTrue();
        }
        for (String open : List.of("0.0.0.0", "::", "10.1.2.3", "192.168.0.5", "fe80::1", "example.com", "")) {
            assertThat(OpenAccessWarning.isLoopback(open)).as(open).isFalse();
        }
    }

    @Test
    void onlyAnUnauthenticatedApiOnAnOpenAddressIsWarnedAboutOnce() {
        assertThat(OpenAccessWarning.message(AuthMode.NONE, "0.0.0.0")).hasValueSatisfying(
                m -> assertThat(m).contains("pm.auth.mode=none", "0.0.0.0", "apikey"));
        assertThat(OpenAccessWarning.message(AuthMode.NONE, "127.0.0.1")).isEmpty();
        assertThat(OpenAccessWarning.message(AuthMode.NONE, null)).isEmpty();
        assertThat(OpenAccessWarning.message(AuthMode.APIKEY, "0.0.0.0")).isEmpty();
        assertThat(OpenAccessWarning.message(AuthMode.JWT, "10.0.0.1")).isEmpty();

        OpenAccessWarning warning = new OpenAccessWarning();
        assertThat(warning.atStart(AuthMode.NONE, "127.0.0.1")).isFalse();
        assertThat(warning.onRequest(AuthMode.NONE, "127.0.0.1")).isFalse();
        assertThat(warning.onRequest(AuthMode.NONE, "10.0.0.9")).isTrue();
        assertThat(warning.onRequest(AuthMode.NONE, "10.0.0.9")).isFalse();
        assertThat(new OpenAccessWarning().atStart(AuthMode.NONE, "0.0.0.0")).isTrue();
    }
}
