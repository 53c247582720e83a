"""Reading YAML files into models, with errors that name the file and the field."""

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError

from psoas.catalogue.errors import ContentError
from psoas.domain.problems import problems_from

Model = TypeVar("Model", bound=BaseModel)
Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=Loader)
    except OSError as error:
        raise ContentError([f"{path}: cannot read file ({error.strerror})"]) from error
    except yaml.YAMLError as error:
        raise ContentError([f"{path}: not valid YAML ({_one_line(error)})"]) from error


def _one_line(error: yaml.YAMLError) -> str:
    return " ".join(str(error).split())


def parse(path: Path, model: type[Model]) -> Model:
    data = read_yaml(path)
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise ContentError([f"{path}: {p}" for p in problems_from(error, model)]) from error


def parse_list(path: Path, model: type[Model]) -> tuple[Model, ...]:
    data = read_yaml(path)
    try:
        return TypeAdapter(tuple[model, ...]).validate_python(data)  # type: ignore[valid-type]
    except ValidationError as error:
        raise ContentError([f"{path}: {p}" for p in problems_from(error)]) from error
