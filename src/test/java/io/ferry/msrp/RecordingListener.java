package io.ferry.msrp;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Records parser events; consecutive body slices are merged, so any slicing of the input compares equal. */
final class RecordingListener implements MsrpListener {

    sealed interface Event permits Headers, Body, End, Invalid {}

    record Headers(MsrpMessage message, boolean bodyFollows) implements Event {}

    record Body(String bytes) implements Event {}

    record End(String transactionId, ContinuationFlag flag) implements Event {}

    record Invalid(String transactionId, MsrpViolation violation, int status) implements Event {}

    final List<Event> events = new ArrayList<>();
    final List<MsrpParseException> errors = new ArrayList<>();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    boolean sawWritableSlice;

    @Override
    public void onHeaders(MsrpMessage message, boolean bodyFollows) {
        flush();
        events.add(new Headers(message, bodyFollows));
    }

    @Override
    public void onBody(ByteBuffer slice) {
        if (!slice.isReadOnly()) sawWritableSlice = true;
        byte[] b = new byte[slice.remaining()];
        slice.get(b);
        body.writeBytes(b);
    }

    @Override
    public void onEnd(MsrpMessage message, ContinuationFlag flag) {
        flush();
        events.add(new End(message.transactionId(), flag));
    }

    @Override
    public void onInvalid(String transactionId, MsrpMessage message, MsrpParseException error) {
        flush();
        errors.add(error);
        events.add(new Invalid(transactionId, error.violation(), error.status()));
    }

    List<Event> events() {
        flush();
        return events;
    }

    private void flush() {
        if (body.size() > 0) {
            events.add(new Body(body.toString(java.nio.charset.StandardCharsets.ISO_8859_1)));
            body.reset();
        }
    }
}
