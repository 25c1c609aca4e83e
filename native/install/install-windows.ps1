# Installs the companion for the current user on Windows (no admin): the host under
# %LOCALAPPDATA%\MyNumberCardBridge\, its manifest beside it, and the per-user registry
# key that Chrome reads (Edge reads Chrome's key too, and its own; facts fallback-routes §2.4).
# -Uninstall removes all of it.
#
#   powershell -ExecutionPolicy Bypass -File install-windows.ps1 -ExtensionId ID [-HostPath PATH] [-Uninstall]
param(
  [string[]]$ExtensionId = @(),
  [string]$HostPath = (Join-Path $PSScriptRoot 'mynumber-card-bridge-host.exe'),
  [switch]$Uninstall
)
$ErrorActionPreference = 'Stop'
$Name = 'jp.mynumber_card_bridge.companion'
$Dir = Join-Path $env:LOCALAPPDATA 'MyNumberCardBridge'
$Keys = @(
  "HKCU:\Software\Google\Chrome\NativeMessagingHosts\$Name",
  "HKCU:\Software\Microsoft\Edge\NativeMessagingHosts\$Name"
)

if ($Uninstall) {
  foreach ($k in $Keys) { if (Test-Path $k) { Remove-Item $k -Recurse -Force } }
  if (Test-Path $Dir) { Remove-Item $Dir -Recurse -Force }
  Write-Output 'removed the companion / コンパニオンを削除しました'
  exit 0
}

if ($ExtensionId.Count -eq 0) { throw 'no extension id: pass -ExtensionId' }
New-Item -ItemType Directory -Force -Path $Dir | Out-Null
Copy-Item $HostPath (Join-Path $Dir 'mynumber-card-bridge-host.exe') -Force
$manifest = [ordered]@{
  name = $Name
  description = 'My Number Card Bridge companion (PC/SC)'
  path = 'mynumber-card-bridge-host.exe'
  type = 'stdio'
  allowed_origins = @($ExtensionId | ForEach-Object { "chrome-extension://$_/" })
}
$manifestPath = Join-Path $Dir "$Name.json"
$manifest | ConvertTo-Json | Set-Content -Encoding UTF8 $manifestPath
foreach ($k in $Keys) {
  New-Item -Force -Path $k | Out-Null
  Set-ItemProperty -Path $k -Name '(default)' -Value $manifestPath
}
Write-Output 'installed for Chrome and Edge / インストールしました'
