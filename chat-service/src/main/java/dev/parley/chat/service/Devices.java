package dev.parley.chat.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.parley.chat.api.DeviceRegistration;
import dev.parley.chat.api.DeviceView;
import dev.parley.chat.config.PushConfig;
import dev.parley.chat.repository.DeviceRepository;
import dev.parley.common.error.ApiException;
import dev.parley.common.paging.Page;
import dev.parley.common.time.Timestamps;

/**
 * The devices a user receives pushes on. Each belongs to the session that registered it and ends with it
 * ({@link SessionDevices}); a user keeps at most {@code parley.push.max-devices-per-user}, the least recently used
 * giving way.
 */
@ApplicationScoped
public class Devices {

    private final DeviceRepository devices;
    private final DeviceRules rules;
    private final PushConfig config;

    public Devices(DeviceRepository devices, DeviceRules rules, PushConfig config) {
        this.devices = devices;
        this.rules = rules;
        this.config = config;
    }

    /** Registers or replaces the device; answers whether it is new. */
    public Uni<Boolean> register(long caller, Long sessionId, String deviceId, DeviceRegistration registration) {
        return devices.register(rules.check(caller, deviceId, sessionId, registration), Timestamps.now(),
                config.maxDevicesPerUser());
    }

    public Uni<Page<DeviceView>> list(long caller) {
        return devices.list(caller).map(found -> new Page<>(found, null));
    }

    public Uni<Void> remove(long caller, String deviceId) {
        return devices.remove(caller, rules.deviceId(deviceId)).invoke(removed -> {
            if (!removed) {
                throw ApiException.notFound("Device not found");
            }
        }).replaceWithVoid();
    }
}
