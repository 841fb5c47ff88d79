package io.teleflux.store.cli;

import io.teleflux.MessageType;
import io.teleflux.codecs.json.ControlMessages;
import io.teleflux.codecs.lcm.LcmMessages;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The message types the CLI knows by name: every LCM type of teleflux-codecs and the JSON control messages. */
final class MessageTypes {

    private MessageTypes() {
    }

    static Optional<MessageType<?>> byName(String name) {
        List<MessageType<?>> all = new ArrayList<>(LcmMessages.all());
        all.add(ControlMessages.TYPE);
        return all.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
