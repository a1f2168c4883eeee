using NixVfioGen.Tests.Support;

namespace NixVfioGen.Tests.Scripts;

/// <summary>
/// A tool root for the module stub (<c>toolRoot</c>): <c>libvirt/bin/virsh</c>, <c>qemu/bin/qemu-img</c>
/// and <c>coreutils/bin/{mkdir,touch}</c> as fakes that append each call to <c>calls.log</c> and keep
/// libvirt's state as files under <c>state/</c> (network active/autostart, defined domains).
/// </summary>
internal sealed class FakeTools : IDisposable
{
    private readonly TempDirectory directory = new();

    public FakeTools()
    {
        Directory.CreateDirectory(State);
        Tool("libvirt", "virsh", """
            [ "$1" = -c ] && [ "$2" = qemu:///system ] || { echo "virsh: not the system URI: $*" >&2; exit 2; }
            shift 2
            case "$1" in
              net-info)
                [ -e "$STATE/network" ] || { echo "error: failed to get network '$2'" >&2; exit 1; }
                printf 'Name:           default\nActive:         %s\nAutostart:      %s\n' "$(cat "$STATE/active")" "$(cat "$STATE/autostart")" ;;
              net-start) echo yes > "$STATE/active" ;;
              net-autostart) echo yes > "$STATE/autostart" ;;
              domuuid) [ -e "$STATE/domain-$2" ] || exit 1; echo 00000000-0000-0000-0000-000000000000 ;;
              define) : > "$STATE/domain-defined" ;;
              *) echo "virsh: unexpected $*" >&2; exit 2 ;;
            esac
            """);
        Tool("qemu", "qemu-img", """[ "$1" = create ] && : > "$4" """);
        Tool("coreutils", "mkdir", """exec /bin/mkdir "$@" """);
        Tool("coreutils", "touch", "");
    }

    public string Root => directory.Path;

    public string State => Path.Combine(Root, "state");

    public string[] Calls => File.Exists(Log) ? File.ReadAllLines(Log) : [];

    private string Log => Path.Combine(Root, "calls.log");

    public void SetState(string name, string value) => File.WriteAllText(Path.Combine(State, name), value + "\n");

    /// <summary>Runs a generated unit script the way NixOS does: bash with -e.</summary>
    public ExternalTool.Result RunScript(string script)
    {
        var file = directory.File("script.sh", "#!/bin/bash\nset -e\n" + script);
        return ExternalTool.Run("env", [$"STATE={State}", "PATH=/nonexistent", "/bin/bash", file]);
    }

    private void Tool(string package, string name, string body)
    {
        var bin = Path.Combine(Root, package, "bin");
        Directory.CreateDirectory(bin);
        var path = Path.Combine(bin, name);
        File.WriteAllText(path, $"#!/bin/bash\nPATH=/usr/bin:/bin\nprintf '%s\\n' \"{name} $*\" >> {Log}\n{body}\n");
        ExternalTool.Run("chmod", ["0755", path]);
    }

    public void Dispose() => directory.Dispose();
}
