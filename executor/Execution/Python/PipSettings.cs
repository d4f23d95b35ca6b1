namespace DeepInsight.Executor.Execution.Python;

/// <summary>
/// Where an execution's `pip install NAME` goes and how long it may try. Packages land in the
/// session's own user site (PYTHONUSERBASE under the session's workspace), which Python puts on
/// sys.path ahead of the system's packages, so later executions and `python FILE` import them;
/// the image's system Python is never written. Where no index is reachable pip fails with its
/// own message after one retry instead of its default five, and within the execution's time
/// limit in any case.
/// </summary>
public static class PipSettings
{
    public static void Apply(IDictionary<string, string> environment, string sessionWorkspace)
    {
        environment["PYTHONUSERBASE"] = Path.Combine(sessionWorkspace, "python");
        environment["PIP_USER"] = "1";
        // Debian and Ubuntu mark their Python as externally managed (PEP 668), which refuses even
        // user installs; with PIP_USER nothing outside the session's user site is written.
        environment["PIP_BREAK_SYSTEM_PACKAGES"] = "1";
        environment["PIP_NO_INPUT"] = "1";
        environment["PIP_DISABLE_PIP_VERSION_CHECK"] = "1";
        environment["PIP_RETRIES"] = "1";
        environment["PIP_DEFAULT_TIMEOUT"] = "15";
    }
}
