package io.pipelinemanager.war.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pipelinemanager.core.api.ErrorCode;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/** The application's Prometheus meter registry and the counters of the REST API. */
@ApplicationScoped
public class ApiMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    /** Registers the JVM and process meters. */
    public ApiMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        gc.bindTo(registry);
    }

    /** The registry, for meters registered elsewhere (e.g. the manager's gauges). */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Counts one answered API request. */
    public void countRequest(String method, String route, int status) {
        Counter.builder("pm_api_requests").description("REST API requests answered")
                .tag("method", method).tag("route", route).tag("status", Integer.toString(status))
                .register(registry).increment();
    }

    /** Counts one error response by its error code. */
    public void countError(ErrorCode code) {
        Counter.builder("pm_api_errors").description("REST API error responses by error code")
                .tag("error_code", code.name()).tag("status", Integer.toString(code.httpStatus()))
                .register(registry).increment();
    }

    /** The registry's meters in Prometheus text format. */
    public String scrape() {
        return registry.scrape();
    }

    /** Unbinds the JVM meters and closes the registry (called by the container, or by whoever created it). */
    @PreDestroy
    public void close() {
        gc.close();
        registry.close();
    }
}
