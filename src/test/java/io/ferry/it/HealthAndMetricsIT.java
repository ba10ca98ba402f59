package io.ferry.it;

import static io.ferry.it.FerryServerFixtures.client;
import static io.ferry.it.FerryServerFixtures.get;
import static io.ferry.it.FerryServerFixtures.http;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import org.junit.jupiter.api.Test;

/** Readiness is UP once Ferry's startup has finished; /metrics speaks Prometheus. */
class HealthAndMetricsIT {

    private final HttpClient client = client();

    @Test
    void ready_reportsFerryStartupUp() throws Exception {
        var response = get(client, http("/health/ready"));
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"status\":\"UP\""), response.body());
        assertTrue(response.body().contains("\"name\":\"ferry-startup\""), response.body());
        assertTrue(response.body().contains("\"state\":\"READY\""), response.body());
    }

    @Test
    void live_reportsFerryUp() throws Exception {
        var response = get(client, http("/health/live"));
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"name\":\"ferry\""), response.body());
    }

    @Test
    void metrics_servePrometheusTextWithFerryGauge() throws Exception {
        var response = get(client, http("/metrics"));
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"),
                response.headers().toString());
        assertTrue(response.body().contains("# TYPE base_"), "no base metrics in Prometheus format");
        assertTrue(response.body().lines().anyMatch(l -> l.matches("application_ferry_ready(_none)?\\{_app=\"ferry\"\\} 1(\\.0)?")),
                () -> "no ferry_ready=1 gauge:\n" + response.body().lines().filter(l -> l.contains("ferry")).toList());
    }
}
