package org.jbec.bus.redis.internal.codec;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jbec.bus.api.message.BecMessage;
import org.jbec.bus.api.message.BecModel;
import org.jbec.bus.api.message.CoreTypes;
import org.jbec.bus.api.message.TypeName;

/** Message and model classes by BEC type name, for decoding envelopes. */
final class TypeRegistry {

    private final Map<String, Class<? extends BecMessage>> messages = new ConcurrentHashMap<>();
    private final Map<String, Class<? extends BecModel>> models = new ConcurrentHashMap<>();

    static TypeRegistry core() {
        TypeRegistry registry = new TypeRegistry();
        CoreTypes.MESSAGES.forEach(registry::addMessage);
        CoreTypes.MODELS.forEach(registry::addModel);
        return registry;
    }

    void addMessage(Class<? extends BecMessage> type) {
        messages.put(type.getSimpleName(), type);
    }

    void addModel(Class<? extends BecModel> type) {
        TypeName name = type.getAnnotation(TypeName.class);
        models.put(name == null ? type.getSimpleName() : name.value(), type);
    }

    Class<? extends BecMessage> message(String typeName) {
        return messages.get(typeName);
    }

    Class<? extends BecModel> model(String typeName) {
        return models.get(typeName);
    }
}
