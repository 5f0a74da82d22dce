package io.pipelinemanager.war.stream;

import io.pipelinemanager.core.api.DataFormat;
import io.pipelinemanager.core.api.ErrorCode;
import io.pipelinemanager.core.api.ManagerException;
import jakarta.ws.rs.core.MediaType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WireFormatTest {

    @Test
    void ingressFormatComesFromTheParameterElseFromTheContentType() {
        assertThat(WireFormat.ingress(null, new MediaType("text", "csv"))).isEqualTo(DataFormat.CSV);
        assertThat(WireFormat.ingress(null, new MediaType("text", "csv", "utf-8"))).isEqualTo(DataFormat.CSV);
        assertThat(WireFormat.ingress("", new MediaType("application", "x-ndjson"))).isEqualTo(DataFormat.JSON);
        assertThat(WireFormat.ingress(null, MediaType.TEXT_PLAIN_TYPE)).isEqualTo(DataFormat.JSON);
        assertThat(WireFormat.ingress(null, null)).isEqualTo(DataFormat.JSON);
        assertThat(WireFormat.ingress("csv", MediaType.APPLICATION_JSON_TYPE)).isEqualTo(DataFormat.CSV);
        assertThat(WireFormat.ingress("NDJSON", new MediaType("text", "csv"))).isEqualTo(DataFormat.JSON);
        assertThatThrownBy(() -> WireFormat.ingress("xml", MediaType.TEXT_PLAIN_TYPE))
                .isInstanceOfSatisfying(ManagerException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.InvalidRequest);
                    assertThat(e.details()).containsEntry("format", "xml");
                });
    }

    @Test
    void queryFormatsMapToTheFacadesFormatAndAMediaType() {
        assertThat(WireFormat.query(null)).isEqualTo(WireFormat.JSON);
        assertThat(WireFormat.query("CSV").core()).isEqualTo(DataFormat.CSV);
        assertThat(WireFormat.query("csv").mediaType()).isEqualTo("text/csv");
        assertThat(WireFormat.query("text").core()).isEqualTo(DataFormat.CSV);
        assertThat(WireFormat.query("text").mediaType()).isEqualTo("text/plain");
        assertThat(WireFormat.query("json").mediaType()).isEqualTo("application/x-ndjson");
        assertThatThrownBy(() -> WireFormat.query("xml"))
                .isInstanceOfSatisfying(ManagerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.InvalidRequest));
    }
}
