using NixVfioGen.Nix;

namespace NixVfioGen.Guest;

/// <summary>
/// The PowerShell script the first logon runs from the setup ISO: the virtio-win guest tools (drivers,
/// QEMU guest agent, SPICE agent, balloon), then the Looking Glass host of exactly the client's version,
/// which the module substitutes from pkgs.looking-glass-client.version at build time (nothing of Looking
/// Glass with --looking-glass none). Logs to C:\nix-vfio-gen-setup.log; when the host cannot be installed it
/// leaves a note on the desktop saying why and what to fetch.
/// </summary>
public static class FirstLogonScript
{
    /// <summary>Where the Looking Glass version goes; replaced by an interpolation in the module.</summary>
    public const string VersionMarker = "@LOOKING_GLASS_VERSION@";

    /// <summary>
    /// Looking Glass serves each release's host as https://looking-glass.io/artifact/VERSION/host, a zip
    /// holding looking-glass-host-setup.exe, which installs silently with /S and, since B6, brings the
    /// IVSHMEM driver and registers the service (Looking Glass docs, install_host.rst). The site publishes
    /// no checksum to verify against, so the script logs the SHA-256 of what it fetched over HTTPS.
    /// </summary>
    public const string HostUrlPattern = "https://looking-glass.io/artifact/{0}/host";

    /// <summary>Where the download comes from; the script waits until this name resolves.</summary>
    public const string HostName = "looking-glass.io";

    /// <summary>How long the script waits for the network: the guest tools have just reinstalled its driver.</summary>
    public const int NetworkWaitSeconds = 300;

    public const int DownloadAttempts = 3;

    public const int RetryPauseSeconds = 20;

    /// <summary>The script with the Looking Glass host of <paramref name="version"/>, or without it (null).</summary>
    public static string Text(string? version) =>
        version is null ? Template(lookingGlassHost: false) : Template(lookingGlassHost: true).Replace(VersionMarker, version, StringComparison.Ordinal);

    /// <summary>The script as a Nix indented string, the version an interpolation of the client's.</summary>
    public static NixIndentedString Nix(bool lookingGlassHost)
    {
        var pieces = Template(lookingGlassHost).Split(VersionMarker);
        var parts = new List<NixStringPart>();
        for (var i = 0; i < pieces.Length; i++)
        {
            if (i > 0)
            {
                parts.Add(new NixInterpolation(NixReference.Of("pkgs.looking-glass-client.version")));
            }
            parts.Add(new NixText(pieces[i]));
        }
        return new NixIndentedString(parts);
    }

    // Windows runs this with Windows PowerShell 5.1: only its language and cmdlets (a test walks the syntax tree).
    private static string Template(bool lookingGlassHost) => string.Join('\n',
    [
        lookingGlassHost
            ? "# nix-vfio-gen first logon: guest tools, then the Looking Glass host matching the NixOS client."
            : "# nix-vfio-gen first logon: the virtio-win guest tools.",
        "$ErrorActionPreference = 'Continue'",
        "# Windows PowerShell 5.1 redraws a progress bar for every block Invoke-WebRequest receives, which slows it many times over.",
        "$ProgressPreference = 'SilentlyContinue'",
        $"Start-Transcript -Path {PowerShellWords.Quote(SetupMedia.LogPath)} -Append | Out-Null",
        "$media = Split-Path -Parent $PSCommandPath",
        "",
        "# virtio-win guest tools: the remaining drivers, the QEMU guest agent, the SPICE agent, the balloon service.",
        $"$tools = Join-Path $media {PowerShellWords.Quote(SetupMedia.VirtioWinDirectory + @"\virtio-win-guest-tools.exe")}",
        "if (Test-Path $tools) {",
        "    $installer = Start-Process -FilePath $tools -ArgumentList '/install', '/passive', '/norestart' -Wait -PassThru",
        "    Write-Output \"virtio-win guest tools: exit code $($installer.ExitCode)\"",
        "} else {",
        "    Write-Output \"virtio-win guest tools: not found at $tools\"",
        "}",
        .. (lookingGlassHost ? LookingGlassHost : []),
        "Stop-Transcript | Out-Null",
        "",
    ]);

    private static string[] LookingGlassHost =>
    [
        "",
        "# The Looking Glass host of exactly the client's version; another version refuses to connect.",
        $"$version = {PowerShellWords.Quote(VersionMarker)}",
        $"$url = {PowerShellWords.Quote(HostUrlPattern)} -f $version",
        "$zip = Join-Path $env:TEMP 'looking-glass-host.zip'",
        "$unpacked = Join-Path $env:TEMP 'looking-glass-host'",
        $"$downloadAttempts = {DownloadAttempts}",
        $"$retryPauseSeconds = {RetryPauseSeconds}",
        "",
        "# The guest tools have just reinstalled the network driver: wait, bounded, until the download's host resolves.",
        "function Wait-Network([string] $hostName, [int] $seconds) {",
        "    $deadline = (Get-Date).AddSeconds($seconds)",
        "    while ((Get-Date) -lt $deadline) {",
        "        try {",
        "            [Net.Dns]::GetHostAddresses($hostName) | Out-Null",
        "            return $true",
        "        } catch {",
        "            Start-Sleep -Seconds 5",
        "        }",
        "    }",
        "    return $false",
        "}",
        "",
        "function Install-LookingGlassHost {",
        "    $ErrorActionPreference = 'Stop'",
        "    # Add TLS 1.2 to the protocols the system offers, keeping TLS 1.3 where Windows has it.",
        "    [Net.ServicePointManager]::SecurityProtocol = [Net.ServicePointManager]::SecurityProtocol -bor [Net.SecurityProtocolType]::Tls12",
        "    $attempt = 0",
        "    while ($true) {",
        "        $attempt++",
        "        try {",
        "            Invoke-WebRequest -Uri $url -OutFile $zip -UseBasicParsing",
        "            break",
        "        } catch {",
        "            if ($attempt -ge $downloadAttempts) {",
        "                throw \"download of $url failed $attempt times, last: $($_.Exception.Message)\"",
        "            }",
        "            Write-Output \"Looking Glass host: download attempt $attempt failed ($($_.Exception.Message)); again in $retryPauseSeconds s\"",
        "            Start-Sleep -Seconds $retryPauseSeconds",
        "        }",
        "    }",
        "    # The site publishes no checksum to verify against: log the SHA-256 of what arrived over HTTPS.",
        "    Write-Output (\"downloaded {0}, SHA-256 {1}\" -f $url, (Get-FileHash -Path $zip -Algorithm SHA256).Hash)",
        "    Expand-Archive -Path $zip -DestinationPath $unpacked -Force",
        "    $setup = Get-ChildItem -Path $unpacked -Filter 'looking-glass-host-setup.exe' -Recurse | Select-Object -First 1",
        "    if ($null -eq $setup) {",
        "        $found = (Get-ChildItem -Path $unpacked -Recurse -File | ForEach-Object { $_.Name }) -join ', '",
        "        throw \"$url holds no looking-glass-host-setup.exe (it holds: $found)\"",
        "    }",
        "    $installer = Start-Process -FilePath $setup.FullName -ArgumentList '/S' -Wait -PassThru",
        "    if ($installer.ExitCode -ne 0) {",
        "        throw \"looking-glass-host-setup.exe /S ended with exit code $($installer.ExitCode)\"",
        "    }",
        "    Write-Output \"Looking Glass host $version installed as a service\"",
        "}",
        "",
        "# The fallback must not fail in turn, whatever the caller's error preference: each step is guarded.",
        "function Write-DesktopNote([string] $reason) {",
        "    $ErrorActionPreference = 'Continue'",
        "    Write-Output \"Looking Glass host: $reason\"",
        "    try {",
        "        $note = Join-Path ([Environment]::GetFolderPath('Desktop')) 'Install the Looking Glass host.txt'",
        "        Set-Content -Path $note -ErrorAction Stop -Value @(",
        "            \"The Looking Glass host was not installed: $reason\",",
        "            \"With the network up, download $url (version $version, the same as the client on NixOS),\",",
        "            'unzip it and run looking-glass-host-setup.exe as administrator (or with /S from an administrator shell).'",
        "        )",
        "        Write-Output \"Looking Glass host: the steps are in $note\"",
        "    } catch {",
        "        Write-Output \"Looking Glass host: no note on the desktop either: $($_.Exception.Message)\"",
        "    }",
        "}",
        "",
        $"if (Wait-Network -hostName {PowerShellWords.Quote(HostName)} -seconds {NetworkWaitSeconds}) {{",
        "    try {",
        "        Install-LookingGlassHost",
        "    } catch {",
        "        Write-DesktopNote -reason $_.Exception.Message",
        "    }",
        "} else {",
        $"    Write-DesktopNote -reason {PowerShellWords.Quote($"no network: {HostName} did not resolve within {NetworkWaitSeconds} s")}",
        "}",
    ];
}
