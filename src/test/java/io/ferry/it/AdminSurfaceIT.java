package io.ferry.it;

import static io.ferry.it.FerryServerFixtures.adminPassword;
import static io.ferry.it.FerryServerFixtures.adminUser;
import static io.ferry.it.FerryServerFixtures.basicAuth;
import static io.ferry.it.FerryServerFixtures.client;
import static io.ferry.it.FerryServerFixtures.get;
import static io.ferry.it.FerryServerFixtures.https;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The Admin Center and the JMX REST connector refuse anonymous users and accept the documented admin. */
class AdminSurfaceIT {

    private static HttpResponse<String> getWithAuth(String path, String user, String password) throws Exception {
        return client().send(HttpRequest.newBuilder(https(path))
                        .header("Authorization", basicAuth(user, password)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void configuredAdminPassword_isUsedAndNothingIsGenerated() {
        var overrides = FerryServerFixtures.serverDir().resolve("configDropins").resolve("overrides");
        assertTrue(!java.nio.file.Files.exists(overrides.resolve("ferry-admin-password.xml")),
                "Ferry saw the configured password through MicroProfile Config and generated none");
        assertTrue(!java.nio.file.Files.exists(overrides.resolve("ferry-keystore-password.xml")));
    }

    @Test
    void jmxRestConnector_refusesAnonymous() throws Exception {
        assertEquals(401, get(client(), https("/IBMJMXConnectorREST/mbeans")).statusCode());
    }

    @Test
    void jmxRestConnector_refusesWrongPassword() throws Exception {
        assertEquals(401, getWithAuth("/IBMJMXConnectorREST/mbeans", adminUser(), "not-the-password").statusCode());
    }

    @Test
    void jmxRestConnector_acceptsAdminAndListsMBeans() throws Exception {
        var response = getWithAuth("/IBMJMXConnectorREST/mbeans", adminUser(), adminPassword());
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("WebSphere:"), "the MBean list names Liberty's MBeans");
    }

    @Test
    void adminCenter_anonymousIsSentToLogin() throws Exception {
        var response = get(client(), https("/adminCenter/"));
        assertEquals(302, response.statusCode());
        assertTrue(response.headers().firstValue("Location").orElse("").contains("/adminCenter/login.jsp"),
                response.headers().toString());
    }

    @Test
    void adminCenter_loginWithDocumentedAdminOpensTheToolbox() throws Exception {
        HttpClient browser = client();
        get(browser, https("/adminCenter/"));   // as a browser does: the session starts at the console
        var login = formLogin(browser, adminUser(), adminPassword());
        assertEquals(302, login.statusCode());
        String location = login.headers().firstValue("Location").orElse("");
        assertTrue(location.endsWith("/adminCenter/"), "login redirects to the console, not to an error: " + location);

        var toolbox = get(browser, https("/adminCenter/"));
        assertEquals(200, toolbox.statusCode());
        assertTrue(toolbox.body().contains("globalIsAdmin=true"), "the toolbox page is served to an administrator");
    }

    @Test
    void adminCenter_loginWithWrongPasswordFails() throws Exception {
        HttpClient browser = client();
        get(browser, https("/adminCenter/"));
        var login = formLogin(browser, adminUser(), "wrong-password-1");
        assertTrue(login.headers().firstValue("Location").orElse("").contains("login-error"), login.headers().toString());
        assertEquals(302, get(browser, https("/adminCenter/")).statusCode());
    }

    private static HttpResponse<String> formLogin(HttpClient browser, String user, String password) throws Exception {
        String form = "j_username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&j_password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return browser.send(HttpRequest.newBuilder(https("/adminCenter/j_security_check"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
