package dev.foresight.serving.monitoring;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ModelMonitorsTest {

    @Test
    void versionsNoLongerServedAreForgottenWhenTheNextIsMonitored() {
        Set<Long> served = ConcurrentHashMap.newKeySet();
        ModelMonitors monitors = new ModelMonitors(ProfileSource.NONE, MonitoringSettings.defaults(), System::nanoTime,
                (model, version) -> served.contains(version));
        for (long version = 1; version <= 1000; version++) {
            served.clear();
            served.add(version);
            monitors.monitor("m", version);
        }
        assertEquals(1, monitors.size(), "a reload does not leave its old version's windows behind");
        assertEquals(1000, monitors.reports().get(0).version());
    }
}
