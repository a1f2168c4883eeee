using System.Diagnostics;

namespace NixVfioGen.Tests.Support;

/// <summary>
/// A real libvirt daemon with QEMU, in session mode, started for the tests and stopped by its pid.
/// It runs as an unprivileged user (nobody when the tests run as root, as CI does) with its XDG
/// directories in a temp folder, so it touches nothing of the machine's. Its firmware set is made
/// NixOS-like: Debian's Microsoft-enrolled descriptor is masked by an empty file of the same name,
/// leaving QEMU's own two (Secure Boot with an empty key store, and plain UEFI), as NixOS 25.11+
/// serves them (nixos/modules/virtualisation/libvirtd.nix links /var/lib/qemu/firmware to them).
/// </summary>
public sealed class LibvirtSession : IDisposable
{
    /// <summary>The daemon test.sh found (PATH, NIX_VFIO_GEN_LIBVIRTD), or null.</summary>
    public static string? Daemon => TestTools.LibvirtDaemon;
    public const string Uri = "qemu:///session";

    /// <summary>Debian's descriptor with enrolled-keys; NixOS offers libvirt none such.</summary>
    public const string EnrolledDescriptor = "40-edk2-x86_64-secure-enrolled.json";

    private readonly Process? daemon;
    private readonly bool dropPrivileges = Environment.UserName == "root" || GetUid() == 0;

    public LibvirtSession()
        : this(usbBus: false)
    {
    }

    /// <param name="usbBus">
    /// Give the daemon a USB bus (sys/bus/usb/devices, empty) where the machine's kernel has none, as in
    /// this container: libvirt lists that directory to look a USB hostdev up and fails the start
    /// without it. Needs root (a private mount namespace); elsewhere the real bus is used.
    /// </param>
    internal LibvirtSession(bool usbBus)
    {
        // Short: QEMU's channel sockets live under it, and a UNIX socket path holds at most 108 bytes.
        var id = Guid.NewGuid().ToString("n")[..8];
        Root = Path.Combine("/tmp", "nvg-" + id);
        ShmemName = "nvg-test-" + id;
        Directory.CreateDirectory(Root);
        foreach (var directory in new[] { "home", "config/qemu/firmware", "runtime", "cache", "data", "images" })
        {
            Directory.CreateDirectory(Path.Combine(Root, directory));
        }
        File.WriteAllText(Path.Combine(Root, "config/qemu/firmware", EnrolledDescriptor), "");
        if (dropPrivileges)
        {
            // nobody must own its XDG tree; the runtime directory must be private to it.
            Run("chown", ["-R", "65534:65534", Root]);
        }
        Run("chmod", ["0700", Path.Combine(Root, "runtime")]);

        if (Daemon is null || !File.Exists(Daemon))
        {
            Missing = $"libvirtd not found ({Daemon ?? "not on PATH"}); run ./test.sh, which installs Debian's libvirt-daemon and qemu-system-x86, or ./test.sh --check-tools";
            return;
        }
        var start = Start(Daemon, ["--timeout", "600"], redirect: true);
        if (usbBus && !Directory.Exists(UsbDevices))
        {
            if (GetUid() != 0)
            {
                Missing = $"this machine has no {UsbDevices} and only root can give the daemon an empty one (CI runs as root)";
                return;
            }
            start = InMountNamespaceWithUsbBus(start);
        }
        daemon = Process.Start(start)!;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            // virsh spawns a daemon of its own when the socket is not there yet: ask only once ours made it.
            if (File.Exists(Path.Combine(Root, "runtime", "libvirt", "libvirt-sock")) && Virsh("version").ExitCode == 0)
            {
                return;
            }
            Thread.Sleep(200);
        }
        Missing = "the libvirt session daemon did not answer within 20 s";
    }

    /// <summary>Why no daemon is available, or null when it runs.</summary>
    public string? Missing { get; }

    public string Root { get; }

    /// <summary>
    /// The shared memory name the domains of this session use instead of looking-glass: QEMU creates
    /// /dev/shm/NAME as the daemon's user, and a /dev/shm/looking-glass left owned by nobody would stop
    /// any other user's Looking Glass domain from starting on this machine. Removed on dispose.
    /// </summary>
    public string ShmemName { get; }

    public string ShmemPath => Path.Combine("/dev/shm", ShmemName);

    public void RemoveShmem() => File.Delete(ShmemPath);

    /// <summary>A file the daemon's user can read and write.</summary>
    public string UserFile(string name, string text)
    {
        var path = Path.Combine(Root, "images", name);
        File.WriteAllText(path, text);
        Own(path);
        return path;
    }

    public void Own(string path)
    {
        if (dropPrivileges)
        {
            Run("chown", ["65534:65534", path]);
        }
    }

    /// <summary>
    /// A directory holding a <c>virsh</c> that runs the real one as the daemon's user with its environment,
    /// for code under test that finds virsh on PATH.
    /// </summary>
    public string VirshOnPath()
    {
        var directory = Path.Combine(Root, "bin");
        Directory.CreateDirectory(directory);
        var environment = string.Join(' ', new[] { ("HOME", "home"), ("XDG_CONFIG_HOME", "config"), ("XDG_RUNTIME_DIR", "runtime"), ("XDG_CACHE_HOME", "cache"), ("XDG_DATA_HOME", "data") }
            .Select(pair => $"{pair.Item1}='{Path.Combine(Root, pair.Item2)}'"));
        var drop = dropPrivileges ? "setpriv --reuid=65534 --regid=65534 --clear-groups " : "";
        var path = Path.Combine(directory, "virsh");
        File.WriteAllText(path, $"#!/bin/sh\nexec {drop}env -u LIBVIRT_DEFAULT_URI {environment} virsh \"$@\"\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        return directory;
    }

    public ExternalTool.Result Virsh(params string[] arguments) => RunAsDaemonUser("virsh", ["-c", Uri, .. arguments]);

    public ExternalTool.Result RunAsDaemonUser(string executable, IEnumerable<string> arguments)
    {
        using var process = Process.Start(Start(executable, arguments, redirect: true))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new ExternalTool.Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    private ProcessStartInfo Start(string executable, IEnumerable<string> arguments, bool redirect)
    {
        var start = dropPrivileges
            ? new ProcessStartInfo("setpriv") { ArgumentList = { "--reuid=65534", "--regid=65534", "--clear-groups", executable } }
            : new ProcessStartInfo(executable);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.UseShellExecute = false;
        start.RedirectStandardOutput = redirect;
        start.RedirectStandardError = redirect;
        start.Environment["HOME"] = Path.Combine(Root, "home");
        start.Environment["XDG_CONFIG_HOME"] = Path.Combine(Root, "config");
        start.Environment["XDG_RUNTIME_DIR"] = Path.Combine(Root, "runtime");
        start.Environment["XDG_CACHE_HOME"] = Path.Combine(Root, "cache");
        start.Environment["XDG_DATA_HOME"] = Path.Combine(Root, "data");
        start.Environment.Remove("LIBVIRT_DEFAULT_URI");
        return start;
    }

    private const string UsbDevices = "/sys/bus/usb/devices";

    /// <summary>
    /// The same command in a private mount namespace whose /sys/bus is a tmpfs holding the real buses
    /// (bind mounts) and an empty usb/devices: nothing changes outside the namespace.
    /// </summary>
    private ProcessStartInfo InMountNamespaceWithUsbBus(ProcessStartInfo command)
    {
        var realBus = Path.Combine(Root, "sys-bus");
        Directory.CreateDirectory(realBus);
        const string script = """
            set -e
            real=$1; shift
            mount --bind /sys/bus "$real"
            mount -t tmpfs tmpfs /sys/bus
            for entry in "$real"/*; do
              mkdir "/sys/bus/${entry##*/}"
              mount --bind "$entry" "/sys/bus/${entry##*/}"
            done
            mkdir -p /sys/bus/usb/devices
            exec "$@"
            """;
        var wrapped = new ProcessStartInfo("unshare") { ArgumentList = { "--mount", "sh", "-c", script, "sh", realBus, command.FileName } };
        foreach (var argument in command.ArgumentList)
        {
            wrapped.ArgumentList.Add(argument);
        }
        wrapped.UseShellExecute = false;
        wrapped.RedirectStandardOutput = command.RedirectStandardOutput;
        wrapped.RedirectStandardError = command.RedirectStandardError;
        foreach (var (key, value) in command.Environment)
        {
            wrapped.Environment[key] = value;
        }
        wrapped.Environment.Remove("LIBVIRT_DEFAULT_URI");
        return wrapped;
    }

    private static void Run(string executable, string[] arguments)
    {
        var result = ExternalTool.Run(executable, arguments);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{executable} failed: {result.Stderr}");
        }
    }

    private static uint GetUid() => uint.TryParse(ExternalTool.Run("id", ["-u"]).Stdout.Trim(), out var uid) ? uid : 1;

    public void Dispose()
    {
        if (daemon is { HasExited: false })
        {
            daemon.Kill(entireProcessTree: true);
            daemon.WaitForExit(10_000);
        }
        daemon?.Dispose();
        RemoveShmem();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
        }
    }
}
