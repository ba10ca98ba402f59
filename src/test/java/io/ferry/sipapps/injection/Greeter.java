package io.ferry.sipapps.injection;

import javax.ejb.Singleton;

/** A stateless-enough singleton EJB that the {@code injection} servlet calls. */
@Singleton
public class Greeter {

    /** A greeting naming {@code user}, so the IT can tell the bean really ran. */
    public String greet(String user) {
        return "hello-" + user + "-from-ejb";
    }
}
