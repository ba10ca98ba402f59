package io.ferry.sipapps.events;

import java.io.IOException;
import javax.inject.Inject;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** Lists {@link SipAppEvents}, one event per line (test deployments only). */
@WebServlet("/sipapps/events")
public class SipAppEventsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient SipAppEvents events;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain;charset=UTF-8");
        resp.getWriter().print(String.join("\n", events.lines()));
    }
}
