package io.ferry.runtime.transport.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.SRVRecord;

class SrvOrderTest {

    private static SRVRecord srv(int priority, int weight, String target) throws Exception {
        return new SRVRecord(Name.fromString("_sip._udp.example.com."), DClass.IN, 60, priority, weight, 5060,
                Name.fromString(target));
    }

    @Test
    void rfc2782_lowerPriority_alwaysComesFirst() throws Exception {
        List<SRVRecord> in = List.of(srv(30, 100, "c."), srv(10, 1, "a."), srv(20, 50, "b."));
        for (int seed = 0; seed < 50; seed++) {
            List<SRVRecord> out = SrvOrder.order(in, new Random(seed));
            assertEquals(List.of("a.", "b.", "c."), out.stream().map(r -> r.getTarget().toString()).toList());
        }
    }

    @Test
    void rfc2782_weights_setTheShareOfFirstPlace() throws Exception {
        List<SRVRecord> in = List.of(srv(10, 10, "light."), srv(10, 90, "heavy."));
        Random random = new Random(42);
        int heavyFirst = 0;
        int runs = 10_000;
        for (int i = 0; i < runs; i++) {
            List<SRVRecord> out = SrvOrder.order(in, random);
            assertEquals(2, out.size());
            if (out.get(0).getTarget().toString().equals("heavy.")) heavyFirst++;
        }
        double share = heavyFirst / (double) runs;
        assertTrue(share > 0.86 && share < 0.94, "heavy first in " + share + " of runs, expected about 0.9");
    }

    @Test
    void rfc2782_zeroWeight_isRarelyFirstAmongWeighted() throws Exception {
        List<SRVRecord> in = List.of(srv(0, 0, "zero."), srv(0, 100, "full."));
        Random random = new Random(1);
        int zeroFirst = 0;
        for (int i = 0; i < 10_000; i++) {
            if (SrvOrder.order(in, random).get(0).getTarget().toString().equals("zero.")) zeroFirst++;
        }
        assertTrue(zeroFirst > 0 && zeroFirst < 300, "weight-0 record first " + zeroFirst + " times in 10000");
    }

    @Test
    void rfc2782_dotTarget_meansNoService() throws Exception {
        assertTrue(SrvOrder.order(List.of(srv(0, 0, ".")), new Random(0)).isEmpty());
    }
}
