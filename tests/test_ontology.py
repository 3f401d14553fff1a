"""The ontology (ontology/conflict.ttl) matches kg's vocabulary, and the shapes match the ontology."""

from __future__ import annotations

import pytest
import rdflib  # rdflib.XSD, not a module-level XSD: pytest probes module globals and XSD warns
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, PROV, SH, SKOS
from rdflib.term import Node

from kg import resources
from kg.namespaces import CF, GEO, ONTOLOGY_IRI, SCHEMA, SEM
from kg.validate import class_hierarchy

CF_TERMS = {CF[name] for name in CF.__annotations__}
EVENT_SUBCLASSES = (CF.Strike, CF.Interception, CF.AirRaidAlert, CF.ArmedClash, CF.AttackOnCivilians,
                    CF.RemoteExplosive, CF.PropertyDestruction, CF.TerritoryChange, CF.Abduction, CF.PastEvent,
                    CF.Annexation, CF.Offensive)
WEAPON_CLASSES = {CF.Missile, CF.Drone, CF.Artillery, CF.Aircraft, CF.OtherWeapon}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(resources.ontology_path(), format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(resources.shapes_path(), format="turtle")


def cf_terms_in(graph: Graph) -> set[Node]:
    """Every cf: IRI a graph mentions, as subject, predicate or object."""
    return {node for triple in graph for node in triple
            if isinstance(node, URIRef) and node.startswith(ONTOLOGY_IRI)}


def subclasses(ontology: Graph, cls: URIRef) -> set[Node]:
    """``cls`` and all its subclasses in the ontology."""
    return set(ontology.transitive_subjects(RDFS.subClassOf, cls))


def test_resources_locate_the_data_folders() -> None:
    assert resources.ontology_path().is_file()
    assert resources.shapes_path().is_file()
    assert resources.queries_dir().is_dir()
    assert resources.ontology_path().parent == resources.ontology_dir()


def test_every_vocabulary_term_is_defined_and_documented(ontology: Graph) -> None:
    defined = {term for term in ontology.subjects(RDF.type) if term in CF_TERMS}
    assert defined == CF_TERMS
    for term in sorted(CF_TERMS):
        assert ontology.value(term, RDFS.label) is not None, term
        assert ontology.value(term, RDFS.comment) is not None, term


def test_ontology_and_shapes_use_no_term_outside_the_vocabulary(ontology: Graph, shapes: Graph) -> None:
    assert cf_terms_in(ontology) - CF_TERMS == set()
    assert cf_terms_in(shapes) - CF_TERMS == set()


def test_ontology_header(ontology: Graph) -> None:
    header = URIRef(ONTOLOGY_IRI.rstrip("#"))
    assert (header, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(header, OWL.versionInfo) is not None
    assert "https://w3id.org/kg-conflict/id/" in str(ontology.value(header, RDFS.comment))


def test_every_property_has_a_kind_domain_and_range(ontology: Graph) -> None:
    kinds = {OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}
    properties = {term for term in CF_TERMS if term.fragment[0].islower()}
    for prop in sorted(properties):
        assert set(ontology.objects(prop, RDF.type)) & kinds, prop
        if (prop, RDF.type, OWL.AnnotationProperty) not in ontology:
            assert ontology.value(prop, RDFS.domain) is not None, prop
            assert ontology.value(prop, RDFS.range) is not None, prop
    for count in (CF.launched, CF.intercepted, CF.killed, CF.injured, CF.damagedBuildings):
        assert ontology.value(count, RDFS.range) == rdflib.XSD.nonNegativeInteger
    assert (CF.acledEventType, RDF.type, OWL.AnnotationProperty) in ontology


@pytest.mark.parametrize(("sub", "sup"), [
    (CF.Strike, SEM.Event), (CF.Annexation, CF.PastEvent), (CF.Offensive, CF.Event), (CF.Event, PROV.Entity),
    (CF.AirDefence, CF.ArmedForces), (CF.AirDefence, SEM.Actor), (CF.Official, SCHEMA.Person),
    (CF.Official, PROV.Person), (CF.Government, PROV.Agent),
    (CF.Settlement, CF.Place), (CF.Region, GEO.Feature), (CF.Country, SCHEMA.Place), (CF.Place, SEM.Place),
    (CF.WeaponClass, SKOS.Concept), (CF.Article, SCHEMA.NewsArticle), (CF.Sentence, PROV.Entity),
])
def test_class_hierarchy(ontology: Graph, sub: URIRef, sup: URIRef) -> None:
    assert sup in set(ontology.transitive_objects(sub, RDFS.subClassOf))


@pytest.mark.parametrize(("sub", "sup"), [
    (CF.attacker, SEM.hasActor), (CF.target, SEM.hasActor), (CF.interceptor, SEM.hasActor),
    (CF.place, SEM.hasPlace), (CF.startTime, SEM.hasBeginTimeStamp), (CF.endTime, SEM.hasEndTimeStamp),
])
def test_property_alignments(ontology: Graph, sub: URIRef, sup: URIRef) -> None:
    assert (sub, RDFS.subPropertyOf, sup) in ontology


def test_weapon_classes_form_a_concept_scheme(ontology: Graph) -> None:
    assert set(ontology.subjects(RDF.type, CF.WeaponClass)) == WEAPON_CLASSES
    schemes = {ontology.value(concept, SKOS.inScheme) for concept in WEAPON_CLASSES}
    assert len(schemes) == 1
    (scheme,) = schemes
    assert (scheme, RDF.type, SKOS.ConceptScheme) in ontology
    assert set(ontology.objects(scheme, SKOS.hasTopConcept)) == WEAPON_CLASSES


@pytest.mark.parametrize(("cls", "event_types", "sub_event_types"), [
    (CF.Strike, {"Explosions/Remote violence"}, {"Air/drone strike", "Shelling/artillery/missile attack"}),
    (CF.Interception, {"Strategic developments"}, {"Disrupted weapons use"}),
    (CF.ArmedClash, {"Battles"}, {"Armed clash"}),
    (CF.AirRaidAlert, {"Strategic developments"}, {"Other"}),
    (CF.AttackOnCivilians, {"Violence against civilians"}, {"Attack"}),
    (CF.RemoteExplosive, {"Explosions/Remote violence"}, {"Remote explosive/landmine/IED"}),
    (CF.PropertyDestruction, {"Strategic developments"}, {"Looting/property destruction"}),
    (CF.TerritoryChange, {"Battles", "Strategic developments"},
     {"Government regains territory", "Non-state actor overtakes territory", "Non-violent transfer of territory"}),
    (CF.Abduction, {"Violence against civilians"}, {"Abduction/forced disappearance"}),
    (CF.PastEvent, {"Strategic developments"}, {"Other"}),
    (CF.Annexation, {"Strategic developments"}, {"Other"}),
    (CF.Offensive, {"Strategic developments"}, {"Other"}),
])
def test_event_classes_record_their_acled_category(
    ontology: Graph, cls: URIRef, event_types: set[str], sub_event_types: set[str],
) -> None:
    assert set(ontology.objects(cls, CF.acledEventType)) == {Literal(t) for t in event_types}
    assert set(ontology.objects(cls, CF.acledSubEventType)) == {Literal(t) for t in sub_event_types}


def test_every_event_class_is_covered(ontology: Graph) -> None:
    assert subclasses(ontology, CF.Event) - {CF.Event} == set(EVENT_SUBCLASSES)


# --- the shapes rely on the ontology's class hierarchy (see the head of shapes.ttl) ------------


def test_validation_uses_the_class_hierarchy_of_the_ontology(ontology: Graph) -> None:
    assert set(class_hierarchy()) == set(ontology.triples((None, RDFS.subClassOf, None)))


def test_shapes_name_each_class_once_not_with_its_subclasses(ontology: Graph, shapes: Graph) -> None:
    """A shape targets one class (its subclasses come through the hierarchy) or has a SPARQL target,
    and "a cf:Place" is one ``sh:class``, not an ``sh:or`` of a class and its subclasses."""
    for shape in set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(RDF.type, SH.PropertyShape)):
        targets = set(shapes.objects(shape, SH.targetClass))
        sparql_target = (shapes.value(shape, SH.target), RDF.type, SH.SPARQLTarget) in shapes
        assert len(targets) == 1 or (not targets and sparql_target), shape
    for alternatives in shapes.objects(None, SH["or"]):
        classes = [shapes.value(member, SH["class"]) for member in Collection(shapes, alternatives)]
        assert not any(classes), classes
    assert set(shapes.objects(None, SH.targetClass)) | set(shapes.objects(None, SH["class"])) <= set(
        ontology.subjects(RDF.type, OWL.Class))


def test_property_shapes_are_not_nested_under_targeted_node_shapes(shapes: Graph) -> None:
    """pySHACL validates a nested property shape once per focus node (see the head of shapes.ttl)."""
    for shape in set(shapes.subjects(RDF.type, SH.NodeShape)):
        if (shape, SH.targetClass, None) in shapes or (shape, SH.target, None) in shapes:
            assert (shape, SH.property, None) not in shapes, shape


def test_shapes_check_the_acled_category_of_the_ontology(ontology: Graph, shapes: Graph) -> None:
    def allowed(target: URIRef, prop: URIRef) -> set[Literal]:
        (shape,) = (shape for shape in shapes.subjects(SH.targetClass, target)
                    if (shape, SH.path, prop) in shapes and (shape, SH["in"], None) in shapes)
        return set(Collection(shapes, shapes.value(shape, SH["in"])))

    checked = set()
    for prop_shape in shapes.subjects(SH.path, CF.acledEventType):
        if shapes.value(prop_shape, SH["in"]) is None:
            continue
        target = shapes.value(prop_shape, SH.targetClass)
        for cls in subclasses(ontology, target):
            for prop in (CF.acledEventType, CF.acledSubEventType):
                assert allowed(target, prop) == set(ontology.objects(cls, prop)), (cls, prop)
            checked.add(cls)
    assert checked == set(EVENT_SUBCLASSES)


def test_weapon_shape_allows_exactly_the_weapon_classes(shapes: Graph) -> None:
    (prop_shape,) = shapes.subjects(SH.path, CF.weaponClass)
    assert set(Collection(shapes, shapes.value(prop_shape, SH["in"]))) == WEAPON_CLASSES
