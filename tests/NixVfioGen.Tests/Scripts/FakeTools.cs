using NixVfioGen.Tests.Support;

namespace NixVfioGen.Tests.Scripts;

/// <summary>
/// A tool root for the module stub (<c>toolRoot</c>): <c>libvirt/bin/virsh</c>, <c>systemd/bin/{systemctl,loginctl}</c>,
/// <c>kmod/bin/modprobe</c>, <c>util-linux/bin/logger</c> as fakes that enforce the real tools' argument grammar
/// (Scripts/Fakes/*.sh, each citing the source it follows), record each call in <c>calls.log</c> and keep their
/// state under <c>state/</c>; <c>qemu-img</c> and coreutils as thin fakes. A fake root (<c>sys</c>, <c>proc</c>,
/// <c>dev</c>, <c>run</c>) stands for the host's, redirected by NIX_VFIO_GEN_ROOT. Paths are written into the
/// fakes, not passed by environment: libvirt runs hooks with a filtered environment.
/// </summary>
internal sealed class FakeTools : IDisposable
{
    private readonly TempDirectory directory = new();

    public FakeTools()
    {
        Directory.CreateDirectory(State);
        Directory.CreateDirectory(HostRoot);
        Fake("libvirt", "virsh");
        Fake("systemd", "systemctl");
        Fake("systemd", "loginctl");
        Fake("kmod", "modprobe");
        Fake("util-linux", "logger");
        Tool("qemu", "qemu-img", """[ "$1" = create ] && : > "$4" """);
        Tool("coreutils", "mkdir", """exec /bin/mkdir "$@" """);
        Tool("coreutils", "rm", """exec /bin/rm "$@" """);
        Tool("coreutils", "touch", "");
        Tool("coreutils", "sleep", "");
        Tool("coreutils", "readlink", """exec /bin/readlink "$@" """);
    }

    public string Root => directory.Path;

    public string State => Path.Combine(Root, "state");

    /// <summary>The fake host's root: sys, proc, dev and run below it.</summary>
    public string HostRoot => Path.Combine(Root, "host");

    public string Sys => Path.Combine(HostRoot, "sys");

    public string[] Calls => File.Exists(Log) ? File.ReadAllLines(Log) : [];

    /// <summary>What the hook sent to the journal, as "TAG: MESSAGE".</summary>
    public string[] Journal => File.Exists(Path.Combine(State, "journal")) ? File.ReadAllLines(Path.Combine(State, "journal")) : [];

    public string PathOf(string package, string name) => Path.Combine(Root, package, "bin", name);

    private string Log => Path.Combine(Root, "calls.log");

    public void SetState(string name, string value) => File.WriteAllText(Path.Combine(State, name), value + "\n");

    /// <summary>Runs a generated unit script the way NixOS does: bash with -e.</summary>
    public ExternalTool.Result RunScript(string script)
    {
        var file = directory.File("script.sh", "#!/bin/bash\nset -e\n" + script);
        return ExternalTool.Run("env", ["-i", "PATH=/nonexistent", "/bin/bash", file]);
    }

    /// <summary>A fake host: the given functions on their drivers with loaded modules, two consoles, the EFI framebuffer, the online CPUs.</summary>
    public string Sysfs(params (string Function, string Driver)[] functions)
    {
        foreach (var (function, driver) in functions)
        {
            Directory.CreateDirectory(Path.Combine(Sys, "bus", "pci", "drivers", driver));
            Directory.CreateDirectory(Path.Combine(Sys, "module", driver));
            var device = Path.Combine(Sys, "bus", "pci", "devices", function);
            Directory.CreateDirectory(device);
            File.CreateSymbolicLink(Path.Combine(device, "driver"), Path.Combine(Sys, "bus", "pci", "drivers", driver));
        }
        foreach (var console in new[] { "vtcon0", "vtcon1" })
        {
            Directory.CreateDirectory(Path.Combine(Sys, "class", "vtconsole", console));
            File.WriteAllText(Path.Combine(Sys, "class", "vtconsole", console, "bind"), "1\n");
        }
        var framebuffer = Path.Combine(Sys, "bus", "platform", "drivers", "efi-framebuffer");
        Directory.CreateDirectory(Path.Combine(framebuffer, "efi-framebuffer.0"));
        File.WriteAllText(Path.Combine(framebuffer, "bind"), "");
        File.WriteAllText(Path.Combine(framebuffer, "unbind"), "");
        Online("0-7");
        Directory.CreateDirectory(Path.Combine(HostRoot, "proc"));
        Directory.CreateDirectory(Path.Combine(HostRoot, "dev", "dri"));
        return Sys;
    }

    public void Online(string? cpus)
    {
        var file = Path.Combine(Sys, "devices", "system", "cpu", "online");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        if (cpus is null)
        {
            File.Delete(file);
        }
        else
        {
            File.WriteAllText(file, cpus + "\n");
        }
    }

    /// <summary>
    /// The function's DRM node (<c>drm/card0</c> in sysfs, <c>/dev/dri/card0</c>) held open by a process of a
    /// graphical session on seat0 (its <c>/proc/PID/fd</c> links to the node; loginctl terminate-seat ends it).
    /// </summary>
    public void DrmNodeHeldBySession(string function, int pid, bool onSeat = true)
    {
        Directory.CreateDirectory(Path.Combine(Sys, "bus", "pci", "devices", function, "drm", "card0"));
        var node = Path.Combine(HostRoot, "dev", "dri", "card0");
        File.WriteAllText(node, "");
        var fds = Path.Combine(HostRoot, "proc", pid.ToString(System.Globalization.CultureInfo.InvariantCulture), "fd");
        Directory.CreateDirectory(fds);
        File.CreateSymbolicLink(Path.Combine(fds, "7"), node);
        if (onSeat)
        {
            File.AppendAllText(Path.Combine(State, "seat0-pids"), pid + "\n");
        }
    }

    public bool ProcessRuns(int pid) => Directory.Exists(Path.Combine(HostRoot, "proc", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>Runs a libvirt hook as libvirt does: guest name, operation, sub-operation, extra; a filtered environment.</summary>
    public ExternalTool.Result RunHook(string script, string vm, string operation, string subOperation)
    {
        var file = directory.File("hook.sh", "#!/bin/bash\n" + script);
        return ExternalTool.Run("env", ["-i", $"NIX_VFIO_GEN_ROOT={HostRoot}", "PATH=/nonexistent", "/bin/bash", file, vm, operation, subOperation, "-"]);
    }

    public string? DriverOf(string function)
    {
        var link = new FileInfo(Path.Combine(Sys, "bus", "pci", "devices", function, "driver"));
        return link.LinkTarget is { } target ? Path.GetFileName(target) : null;
    }

    public string ReadSys(string relative) => File.ReadAllText(Path.Combine(Sys, relative)).Trim();

    /// <summary>A grammar-enforcing fake from Scripts/Fakes, with this root's paths written in.</summary>
    private void Fake(string package, string name) =>
        Tool(package, name, File.ReadAllText(Repository.PathOf($"tests/NixVfioGen.Tests/Scripts/Fakes/{name}.sh")));

    private void Tool(string package, string name, string body)
    {
        var bin = Path.Combine(Root, package, "bin");
        Directory.CreateDirectory(bin);
        var path = Path.Combine(bin, name);
        File.WriteAllText(path,
            $"#!/bin/bash\nPATH=/usr/bin:/bin\nSTATE='{State}'\nROOT='{HostRoot}'\nprintf '%s\\n' \"{name} $*\" >> '{Log}'\n{body}\n");
        File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
    }

    public void Dispose() => directory.Dispose();
}
