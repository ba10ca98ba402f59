package io.ferry.store;

import java.util.Objects;
import java.util.Optional;

/**
 * A SIP session (JSR 289 §6.2, a protocol session) that belongs to an application session: its
 * id and, once it has one, the id of its dialog (RFC 3261 §12: Call-ID, local tag, remote tag) in
 * the runtime's string form. The store does not interpret either string.
 *
 * @param id        the SIP session id
 * @param dialogId  the dialog id, or {@code null} while the session has no dialog (INITIAL state)
 */
public record ProtocolSessionRef(String id, String dialogId) {

    public ProtocolSessionRef {
        Objects.requireNonNull(id, "id");
        if (id.isEmpty()) throw new IllegalArgumentException("empty SIP session id");
        if (dialogId != null && dialogId.isEmpty()) throw new IllegalArgumentException("empty dialog id");
    }

    /** A session without a dialog yet. */
    public static ProtocolSessionRef withoutDialog(String id) {
        return new ProtocolSessionRef(id, null);
    }

    public Optional<String> dialog() {
        return Optional.ofNullable(dialogId);
    }

    public ProtocolSessionRef withDialogId(String dialogId) {
        return new ProtocolSessionRef(id, Objects.requireNonNull(dialogId, "dialogId"));
    }
}
