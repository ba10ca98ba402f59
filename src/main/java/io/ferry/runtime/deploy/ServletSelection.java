package io.ferry.runtime.deploy;

import java.util.List;
import java.util.Optional;

/**
 * How an application chooses the servlet for an initial request (JSR 289 servlet selection, sip-app 1.1
 * {@code <servlet-selection>}): one main servlet, or servlet-mapping rules evaluated in order.
 * The two are exclusive.
 */
public sealed interface ServletSelection {

    /** No selection in sip.xml: annotations, or the single servlet, decide (JSR 289 servlet selection). */
    record Unspecified() implements ServletSelection {
    }

    /** {@code <main-servlet>}: every initial request goes to this servlet. */
    record MainServlet(String servletName) implements ServletSelection {
        public MainServlet {
            if (servletName == null || servletName.isEmpty()) throw new IllegalArgumentException("empty main-servlet");
        }
    }

    /** {@code <servlet-mapping>}s: the first one whose pattern matches selects the servlet. */
    record Mappings(List<ServletMapping> mappings) implements ServletSelection {
        public Mappings {
            mappings = List.copyOf(mappings);
            if (mappings.isEmpty()) throw new IllegalArgumentException("no servlet-mapping");
        }

        /** The servlet of the first matching mapping, in document order (JSR 289 servlet mapping rules). */
        public Optional<String> select(RuleContext request) {
            for (ServletMapping m : mappings) if (m.matches(request)) return Optional.of(m.servletName());
            return Optional.empty();
        }
    }
}
