namespace DeepInsight.Executor.Execution.Core;

/// <summary>How much memory the task has, to size a child's address-space limit by default.</summary>
public static class SystemMemory
{
    /// <summary>
    /// Half of the task's memory (the cgroup limit when there is one, else physical memory),
    /// at least 1 GiB: numpy and pandas map a lot of address space they never touch.
    /// </summary>
    public static long DefaultChildLimitBytes()
    {
        var total = CgroupLimit() ?? GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return Math.Max(1L << 30, total / 2);
    }

    private static long? CgroupLimit()
    {
        foreach (var file in new[] { "/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes" })
        {
            try
            {
                if (long.TryParse(File.ReadAllText(file).Trim(), out var bytes) && bytes > 0 && bytes < (1L << 50))
                    return bytes;
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return null;
    }
}
