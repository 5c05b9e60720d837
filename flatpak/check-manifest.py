#!/usr/bin/env python3
# check-manifest.py — sanity checks for the Flatpak manifests
#
# Usage: check-manifest.py MANIFEST APP_ID [MANIFEST APP_ID ...]
#
# Copyright 2026 Zhixing developers
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import sys

ALLOWED_FINISH_ARGS = {
    '--share=ipc',
    '--socket=fallback-x11',
    '--socket=wayland',
    '--device=dri',
    '--share=network',
    # the sign-in token in the keyring (libsecret, in the GNOME runtime)
    '--talk-name=org.freedesktop.secrets',
}


def check(path, app_id):
    errors = []
    try:
        with open(path, encoding='utf-8') as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        return [f'cannot read: {e}']

    if not isinstance(manifest, dict):
        return ['the manifest is not a JSON object']

    found_id = manifest.get('app-id', manifest.get('id'))
    if found_id != app_id:
        errors.append(f'app-id is {found_id!r}, expected {app_id!r}')
    if manifest.get('command') != 'zhixing':
        errors.append(f"command is {manifest.get('command')!r}, expected 'zhixing'")
    for key, expected in (('runtime', 'org.gnome.Platform'), ('sdk', 'org.gnome.Sdk')):
        if manifest.get(key) != expected:
            errors.append(f'{key} is {manifest.get(key)!r}, expected {expected!r}')
    if not isinstance(manifest.get('runtime-version'), str):
        errors.append('runtime-version must be a string')

    extra = set(manifest.get('finish-args', [])) - ALLOWED_FINISH_ARGS
    if extra:
        errors.append('unexpected finish-args: ' + ', '.join(sorted(extra)))

    modules = manifest.get('modules')
    if not isinstance(modules, list) or not modules:
        errors.append('no modules')
        return errors
    last = modules[-1]
    if not isinstance(last, dict) or last.get('name') != 'zhixing':
        errors.append("the last module is not 'zhixing'")
        return errors
    if last.get('buildsystem') != 'meson':
        errors.append(f"module zhixing: buildsystem is {last.get('buildsystem')!r}, expected 'meson'")
    opts = last.get('config-opts', [])
    if '-Dtests=false' not in opts:
        errors.append('module zhixing: config-opts lacks -Dtests=false')
    devel = app_id.endswith('.Devel')
    if devel != ('-Dprofile=development' in opts):
        errors.append('module zhixing: -Dprofile=development must be set exactly for the .Devel app id')

    for module in modules:
        if not isinstance(module, dict):
            continue
        for source in module.get('sources', []):
            if source.get('type') in ('archive', 'file') and not source.get('sha256'):
                errors.append(f"module {module.get('name')}: source {source.get('url')} has no sha256")
    return errors


def main(argv):
    if len(argv) < 3 or len(argv) % 2 != 1:
        print(f'usage: {argv[0]} MANIFEST APP_ID [MANIFEST APP_ID ...]', file=sys.stderr)
        return 2
    failed = False
    for path, app_id in zip(argv[1::2], argv[2::2]):
        errors = check(path, app_id)
        for error in errors:
            print(f'{path}: {error}', file=sys.stderr)
        if errors:
            failed = True
        else:
            print(f'{path}: ok')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
