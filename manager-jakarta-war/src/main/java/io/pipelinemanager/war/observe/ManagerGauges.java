package io.pipelinemanager.war.observe;

import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.core.api.PipelineStatus;
import io.pipelinemanager.core.api.ProgramStatus;
import io.pipelinemanager.war.boot.TenantResolver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the facade exposes today as gauges: the tenant's programs by compilation status and its
 * pipelines by actual status, read once per scrape (two queries) rather than once per gauge.
 */
@ApplicationScoped
public class ManagerGauges {

    private MultiGauge programs;
    private MultiGauge pipelines;

    @Inject
    ApiMetrics metrics;

    @Inject
    PipelineManager manager;

    @Inject
    TenantResolver tenants;

    /** Re-reads the counts; call right before a scrape. */
    public synchronized void refresh() {
        if (programs == null) {
            programs = MultiGauge.builder("pm_programs").description("Programs by compilation status")
                    .register(metrics.registry());
            pipelines = MultiGauge.builder("pm_pipelines").description("Pipelines by actual status")
                    .register(metrics.registry());
        }
        Map<ProgramStatus, Long> byProgramStatus = manager.listPrograms(tenants.current()).stream()
                .collect(Collectors.groupingBy(p -> p.status(), Collectors.counting()));
        Map<PipelineStatus, Long> byPipelineStatus = manager.listPipelines(tenants.current()).stream()
                .collect(Collectors.groupingBy(p -> p.status(), Collectors.counting()));
        programs.register(rows(ProgramStatus.values(), byProgramStatus), true);
        pipelines.register(rows(PipelineStatus.values(), byPipelineStatus), true);
    }

    private static <E extends Enum<E>> Iterable<MultiGauge.Row<?>> rows(E[] all, Map<E, Long> counts) {
        Function<E, MultiGauge.Row<?>> row = status ->
                MultiGauge.Row.of(Tags.of("status", status.name()), counts.getOrDefault(status, 0L));
        return Arrays.stream(all).map(row).collect(Collectors.toList());
    }
}
