package dev.parley.account;

import org.junit.jupiter.api.Test;

import dev.parley.testing.LayerRules;

class ArchitectureTest {

    @Test
    void layersFollowTheServiceSkeleton() {
        LayerRules.check("dev.parley.account");
    }
}
