using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace DeepInsight.Executor.Sessions;

/// <summary>
/// The task's private IPv4, the address the load balancer targets: the configured override,
/// else the first non-loopback IPv4 of an interface that is up (the awsvpc ENI in Fargate).
/// </summary>
public sealed class ContainerAddress
{
    public string PrivateIp { get; }
    public string Hostname { get; } = Environment.MachineName;

    public ContainerAddress(string? privateIpOverride)
    {
        PrivateIp = privateIpOverride ?? Detect() ?? "127.0.0.1";
    }

    private static string? Detect()
    {
        try
        {
            return NetworkInterface.GetAllNetworkInterfaces()
                .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
                .SelectMany(n => n.GetIPProperties().UnicastAddresses)
                .Select(a => a.Address)
                .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !System.Net.IPAddress.IsLoopback(a))
                ?.ToString();
        }
        catch (NetworkInformationException)
        {
            return null;
        }
    }
}
