package io.ferry.it;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The one Liberty server that the Maven build starts for all ITs (liberty-maven-plugin in
 * pre-integration-test), as Failsafe describes it in system properties.
 */
final class FerryServerFixtures {

    private FerryServerFixtures() {
    }

    static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set: run the ITs through `mvn verify`");
        }
        return value;
    }

    static URI http(String path) {
        return URI.create("http://localhost:" + property("ferry.it.httpPort") + path);
    }

    static URI https(String path) {
        return URI.create("https://localhost:" + property("ferry.it.httpsPort") + path);
    }

    static Path serverDir() {
        return Path.of(property("ferry.it.serverDir"));
    }

    static String adminUser() {
        return property("ferry.it.adminUser");
    }

    static String adminPassword() {
        return property("ferry.it.adminPassword");
    }

    static String basicAuth(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A client that accepts the server's generated self-signed certificate (the IT server's only
     * certificate) and keeps cookies, as a browser would for the Admin Center login.
     */
    static HttpClient client() {
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {new TrustSelfSigned()}, new SecureRandom());
            SSLParameters params = new SSLParameters();
            params.setEndpointIdentificationAlgorithm(null);
            return HttpClient.newBuilder()
                    .sslContext(tls)
                    .sslParameters(params)
                    .cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> get(HttpClient client, URI uri) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String messagesLog() throws IOException {
        return Files.readString(serverDir().resolve("logs").resolve("messages.log"), StandardCharsets.UTF_8);
    }

    /** Trusts any server certificate: only for the IT server's self-signed one. */
    private static final class TrustSelfSigned implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("client certificates are not used by the ITs");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            if (chain == null || chain.length == 0) {
                throw new IllegalArgumentException("no server certificate");
            }
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
