package org.convergepbx.security;

import com.sun.management.GcInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Set;
import java.util.stream.Collectors;

/** The load of this JVM: heap in use after the latest collection, and the process's CPU share. */
public final class JvmLoad implements OverloadGuard.Load {
  private final Set<String> heapPools =
      ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == MemoryType.HEAP)
          .map(java.lang.management.MemoryPoolMXBean::getName)
          .collect(Collectors.toSet());
  private final long maxHeap = Runtime.getRuntime().maxMemory();

  @Override
  public double heapPercent() {
    GcInfo latest = null;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof com.sun.management.GarbageCollectorMXBean sun) {
        GcInfo info = sun.getLastGcInfo();
        if (info != null && (latest == null || info.getEndTime() > latest.getEndTime())) {
          latest = info;
        }
      }
    }
    if (latest == null || maxHeap <= 0) {
      return 0;
    }
    long used = 0;
    for (var e : latest.getMemoryUsageAfterGc().entrySet()) {
      if (heapPools.contains(e.getKey())) {
        MemoryUsage u = e.getValue();
        used += u.getUsed();
      }
    }
    return 100.0 * used / maxHeap;
  }

  @Override
  public double cpuPercent() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      double load = os.getProcessCpuLoad();
      return load < 0 ? 0 : 100.0 * load;
    }
    return 0;
  }
}
