package io.ferry.runtime.container;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.servlet.sip.AuthInfo;

/** Credentials an application holds for challenges, per status (401/407) and realm (JSR 289 §4.1.4). */
final class FerryAuthInfo implements AuthInfo {

    record Credentials(String username, String password) {
    }

    private final Map<String, Credentials> byRealm = new ConcurrentHashMap<>();

    @Override
    public void addAuthInfo(int statusCode, String realm, String username, String password) {
        if (statusCode != 401 && statusCode != 407) throw new IllegalArgumentException("challenges are 401 or 407, not " + statusCode);
        if (realm == null || username == null || password == null) throw new NullPointerException("realm, username and password are required");
        byRealm.put(statusCode + " " + realm, new Credentials(username, password));
    }

    Optional<Credentials> credentials(int statusCode, String realm) {
        return Optional.ofNullable(byRealm.get(statusCode + " " + realm));
    }
}
