package io.ferry.testapp;

import java.io.IOException;
import javax.inject.Inject;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** Lists what the echo application saw, one event per line (test deployment only). */
@WebServlet("/test/events")
public class TestEventsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient TestEvents events;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain;charset=UTF-8");
        resp.getWriter().print(String.join("\n", events.all()));
    }
}
