"""The package's exported names stay what they say once every submodule has been imported."""

import importlib

import analysis


def test_detect_is_the_function_after_its_module_is_loaded():
    module = importlib.import_module("analysis.detection")
    assert analysis.detect is module.detect
    from analysis import detect

    assert callable(detect) and detect.__module__ == "analysis.detection"


def test_every_export_resolves_to_the_object_of_its_module():
    for name in analysis.__all__:
        value = getattr(analysis, name)
        assert not isinstance(value, type(analysis)), f"analysis.{name} is a module, not the exported object"
