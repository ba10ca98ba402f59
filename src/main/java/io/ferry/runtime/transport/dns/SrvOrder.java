package io.ferry.runtime.transport.dns;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import org.xbill.DNS.SRVRecord;

/** The order in which SRV targets are tried (RFC 2782, "Usage rules"). */
final class SrvOrder {

    private SrvOrder() {
    }

    /**
     * Lowest priority first; within one priority, a weighted random order: repeatedly pick a
     * record with probability proportional to its weight, weight-0 records having a small chance
     * and being put first in the running list as RFC 2782 asks. A target of "." (service not
     * available) is left out.
     */
    static List<SRVRecord> order(List<SRVRecord> records, RandomGenerator random) {
        TreeMap<Integer, List<SRVRecord>> byPriority = new TreeMap<>();
        for (SRVRecord r : records) {
            if (r.getTarget().labels() <= 1) {
                continue; // RFC 2782: target "." means the service is decidedly not available here
            }
            byPriority.computeIfAbsent(r.getPriority(), p -> new ArrayList<>()).add(r);
        }
        List<SRVRecord> out = new ArrayList<>(records.size());
        for (List<SRVRecord> group : byPriority.values()) {
            List<SRVRecord> left = new ArrayList<>(group);
            left.sort(Comparator.comparingInt(SRVRecord::getWeight)); // weight 0 first
            while (!left.isEmpty()) {
                long sum = 0;
                for (SRVRecord r : left) sum += r.getWeight();
                long pick = sum == 0 ? 0 : random.nextLong(sum + 1);
                long running = 0;
                int chosen = left.size() - 1;
                for (int i = 0; i < left.size(); i++) {
                    running += left.get(i).getWeight();
                    if (running >= pick) {
                        chosen = i;
                        break;
                    }
                }
                out.add(left.remove(chosen));
            }
        }
        return out;
    }
}
