package io.pipelinemanager.embedded.server;

import io.pipelinemanager.core.PipelineManager;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's EmbeddedServer example is this test's code, and it runs. */
class ReadmeExampleTest {

    private static final String SECTION = "## REST server in your own application (`EmbeddedServer`)";
    private static final String BEGIN = "        // README example begin\n";
    private static final String END = "        // README example end\n";

    @Test
    void theReadmeShowsThisTestsCode() throws Exception {
        String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
        int section = readme.indexOf(SECTION);
        assertThat(section).as("README section " + SECTION).isNotNegative();
        Matcher block = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(block.find(section)).isTrue();
        String source = Files.readString(Path.of("src/test/java/" + getClass().getName().replace('.', '/') + ".java"),
                StandardCharsets.UTF_8);
        String code = source.substring(source.indexOf(BEGIN) + BEGIN.length(), source.indexOf(END));
        assertThat(block.group(1)).isEqualTo(code.replaceAll("(?m)^ {8}", ""));
    }

    @Test
    void theExampleRuns() throws Exception {
        String databaseUrl = TestServers.newDatabaseUrl();
        // README example begin
        try (EmbeddedServer server = EmbeddedServer.builder()
                .manager(PipelineManager.builder().databaseUrl(databaseUrl)) // built at start, closed with the server
                .bindAddress("127.0.0.1")
                .port(0) // 0: any free port, server.port() tells which; the default is 8080
                .start()) {
            URI health = server.uri().resolve("api/health");
            HttpResponse<String> answer = HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString());
            System.out.println(health + " -> " + answer.statusCode()); // http://127.0.0.1:…/api/health -> 200
        }
        // README example end
    }
}
