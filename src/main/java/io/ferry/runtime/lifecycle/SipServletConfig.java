package io.ferry.runtime.lifecycle;

import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.servlet.ServletConfig;
import javax.servlet.ServletContext;

/** The ServletConfig of one SIP servlet: its name, its application's context, its sip.xml init-params. */
record SipServletConfig(String name, ServletContext context, Map<String, String> initParams) implements ServletConfig {

    SipServletConfig {
        initParams = Collections.unmodifiableMap(new LinkedHashMap<>(initParams));
    }

    @Override
    public String getServletName() {
        return name;
    }

    @Override
    public ServletContext getServletContext() {
        return context;
    }

    @Override
    public String getInitParameter(String parameter) {
        return initParams.get(parameter);
    }

    @Override
    public Enumeration<String> getInitParameterNames() {
        return Collections.enumeration(initParams.keySet());
    }
}
