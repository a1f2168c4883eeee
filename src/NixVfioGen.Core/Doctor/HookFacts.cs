namespace NixVfioGen.Doctor;

/// <summary>
/// The VM's hook as libvirt sees it: when its link in libvirt's hook directory was made (NixOS makes it in
/// libvirtd-config.service, just before each libvirtd start), and when the running libvirtd started.
/// </summary>
/// <param name="Linked">The link's own modification time, or null when there is no link.</param>
/// <param name="DaemonStarted">The running libvirtd's start, or null when none runs (or it cannot be read).</param>
public sealed record HookFacts(DateTimeOffset? Linked, DateTimeOffset? DaemonStarted);
