package io.pipelinemanager.war.observe;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.pipelinemanager.core.PipelineManager;
import io.pipelinemanager.core.api.Caller;
import io.pipelinemanager.core.api.ManagerCounters;
import io.pipelinemanager.core.api.PipelineStatus;
import io.pipelinemanager.core.api.ProgramStatus;
import io.pipelinemanager.core.api.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The manager's meters: programs by compilation status and pipelines by actual status (read once per
 * scrape), this instance's counters (compilations, compile-cache hits and misses, local pipelines)
 * and, per pipeline running here, its statistics (steps, processed and buffered records, last step latency).
 */
@ApplicationScoped
public class ManagerGauges {

    /** Who reads the counts for a scrape: the server itself, as a viewer of the default tenant (the tenant the meters describe). */
    static final Caller SCRAPER = Caller.host(Caller.DEFAULT_TENANT, "metrics", Role.VIEWER);

    private MultiGauge programs;
    private MultiGauge pipelines;
    private PipelineMeters pipelineMeters;

    @Inject
    ApiMetrics metrics;

    @Inject
    PipelineManager manager;

    /** For the container, which injects the fields. */
    public ManagerGauges() {
    }

    /** Wired by hand, outside CDI (the embedded server). */
    public ManagerGauges(ApiMetrics metrics, PipelineManager manager) {
        this.metrics = metrics;
        this.manager = manager;
    }

    /** Re-reads the counts and statistics; call right before a scrape. */
    public synchronized void refresh() {
        if (programs == null) {
            register(metrics.registry());
        }
        // Counts come from the store's grouped projections: no program code is read for a scrape.
        programs.register(rows(ProgramStatus.values(), manager.countProgramsByStatus(SCRAPER)), true);
        pipelines.register(rows(PipelineStatus.values(), manager.countPipelinesByStatus(SCRAPER)), true);
        pipelineMeters.refresh(manager, SCRAPER, manager.listPipelines(SCRAPER));
    }

    private void register(MeterRegistry registry) {
        programs = MultiGauge.builder("pm_programs").description("Programs by compilation status").register(registry);
        pipelines = MultiGauge.builder("pm_pipelines").description("Pipelines by actual status").register(registry);
        pipelineMeters = new PipelineMeters(registry);
        PipelineManager m = manager;
        counter(registry, "pm_compilations", "Programs compiled by this instance", m, c -> c.compilations());
        counter(registry, "pm_compile_cache_hits", "Compile-cache hits", m, c -> c.compileCacheHits());
        counter(registry, "pm_compile_cache_misses", "Compile-cache misses", m, c -> c.compileCacheMisses());
        Gauge.builder("pm_local_pipelines", m, x -> x.counters().localPipelines())
                .description("Pipelines running or paused in this instance").register(registry);
        Gauge.builder("pm_egress_subscriptions", m, x -> x.counters().egressSubscriptions())
                .description("Egress change streams open in this instance").register(registry);
    }

    private static void counter(MeterRegistry registry, String name, String description, PipelineManager manager,
                                ToDoubleFunction<ManagerCounters> value) {
        FunctionCounter.builder(name, manager, m -> value.applyAsDouble(m.counters()))
                .description(description).register(registry);
    }

    private static <E extends Enum<E>> Iterable<MultiGauge.Row<?>> rows(E[] all, Map<E, Long> counts) {
        Function<E, MultiGauge.Row<?>> row = status ->
                MultiGauge.Row.of(Tags.of("status", status.name()), counts.getOrDefault(status, 0L));
        return Arrays.stream(all).map(row).collect(Collectors.toList());
    }
}
